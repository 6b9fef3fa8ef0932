package dev.vanguard.session.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.vanguard.session.support.SessionServiceIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body over the limit is refused with 413 problem+json, whether it declares its length
 * or comes chunked, and never reaches the JSON reader (which would answer 400).
 */
class BodyLimitIntegrationTests extends SessionServiceIntegrationTest {

	private static final int ONE_MIB = 1024 * 1024;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void refusesABodyOverTheLimitByItsDeclaredLength() throws Exception {
		assertTooLarge(HttpRequest.BodyPublishers.ofByteArray(body()));
	}

	@Test
	void refusesAChunkedBodyOverTheLimit() throws Exception {
		assertTooLarge(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body())));
	}

	@Test
	void takesASmallChunkedBodyAsUsual() throws Exception {
		HttpResponse<String> response = send(HttpRequest.BodyPublishers
			.ofInputStream(() -> new ByteArrayInputStream("{\"x\":".getBytes(StandardCharsets.UTF_8))));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("malformed-request");
	}

	private void assertTooLarge(HttpRequest.BodyPublisher body) throws Exception {
		HttpResponse<String> response = send(body);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":413", "/problems/payload-too-large");
	}

	private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/sessions/pin/123456/players"))
					.header("Content-Type", "application/json")
					.POST(body)
					.build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** A JSON string of 1 MiB: well over the limit, under what Tomcat swallows. */
	private static byte[] body() {
		byte[] json = new byte[ONE_MIB];
		Arrays.fill(json, (byte) 'a');
		json[0] = '"';
		json[json.length - 1] = '"';
		return json;
	}

}
