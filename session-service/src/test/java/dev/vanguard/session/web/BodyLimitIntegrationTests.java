package dev.vanguard.session.web;

import org.junit.jupiter.api.Test;

import dev.vanguard.session.support.Api;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * service-support's {@code BodyLimitFilter} is registered here, at session-service's
 * limit ({@code vanguard.session.max-body}, 64 KB), ahead of the security filters.
 */
class BodyLimitIntegrationTests extends SessionServiceIntegrationTest {

	private static final int MAX_BODY = 64 * 1024;

	@Test
	void refusesABodyOverTheLimitWithAProblemBeforeAskingWhoSentIt() {
		Api.Response response = this.api.send("POST", "/api/sessions", null, bodyOf(MAX_BODY + 1), null);

		assertThat(response.problem(413).path("type").asString())
			.isEqualTo("https://vanguard.dev/problems/payload-too-large");
	}

	@Test
	void takesABodyAtTheLimit() {
		Api.Response response = this.api.send("POST", "/api/sessions", null, bodyOf(MAX_BODY), null);

		assertThat(response.status()).as(response.body()).isEqualTo(401);
	}

	/** A JSON document of exactly {@code bytes} bytes (ASCII). */
	private static String bodyOf(int bytes) {
		String head = "{\"padding\":\"";
		String tail = "\"}";
		return head + "p".repeat(bytes - head.length() - tail.length()) + tail;
	}

}
