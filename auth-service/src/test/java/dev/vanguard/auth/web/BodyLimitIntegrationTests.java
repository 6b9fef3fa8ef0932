package dev.vanguard.auth.web;

import java.util.Map;

import dev.vanguard.auth.AuthHttp;
import dev.vanguard.auth.AuthIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.vanguard.auth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * service-support's {@code BodyLimitFilter} is registered here, at auth-service's limit
 * ({@code vanguard.auth.max-body}, 16 KB), ahead of the security filters.
 */
@AuthIntegrationTest
class BodyLimitIntegrationTests {

	private static final int MAX_BODY = 16 * 1024;

	@LocalServerPort
	int port;

	@Test
	void refusesABodyOverTheLimitWithAProblem() {
		AuthHttp http = new AuthHttp(this.port);

		AuthHttp.Reply reply = http.post("/api/auth/login", bodyOf(MAX_BODY + 1));

		assertProblem(reply, 413, "payload-too-large");
	}

	@Test
	void takesABodyAtTheLimit() {
		AuthHttp http = new AuthHttp(this.port);

		AuthHttp.Reply reply = http.post("/api/auth/login", bodyOf(MAX_BODY));

		assertThat(reply.status()).as(reply.body()).isNotEqualTo(413);
	}

	/** A login of exactly {@code bytes} bytes (ASCII), its password the padding. */
	private static String bodyOf(int bytes) {
		String empty = AuthHttp.json(Map.of("email", AuthHttp.uniqueEmail("limit"), "password", ""));
		String padded = AuthHttp
			.json(Map.of("email", AuthHttp.uniqueEmail("limit"), "password", "p".repeat(bytes - empty.length())));
		assertThat(padded).hasSize(bytes);
		return padded;
	}

}
