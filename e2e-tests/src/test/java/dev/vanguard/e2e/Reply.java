package dev.vanguard.e2e;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One HTTP answer of the gateway. Its {@code toString} names the request and shows the
 * body, so a failed status assertion says what came back.
 *
 * @param request method and path, for messages
 * @param response what came back
 */
record Reply(String request, HttpResponse<byte[]> response) {

	int status() {
		return this.response.statusCode();
	}

	byte[] bytes() {
		return this.response.body();
	}

	String body() {
		return new String(bytes(), StandardCharsets.UTF_8);
	}

	JsonNode json() {
		return Gateway.JSON.readTree(body());
	}

	String header(String name) {
		return this.response.headers().firstValue(name).orElse(null);
	}

	List<String> headers(String name) {
		return this.response.headers().allValues(name);
	}

	/** Asserts the status and returns this reply. */
	Reply expect(int status) {
		assertThat(status()).as("%s answered %s", this.request, this).isEqualTo(status);
		return this;
	}

	/**
	 * Asserts an RFC 9457 problem of the given status and {@code type}
	 * ({@code https://vanguard.dev/problems/<name>}) and returns its body.
	 */
	JsonNode expectProblem(int status, String name) {
		expect(status);
		assertThat(header("Content-Type")).as("%s content type", this.request).startsWith("application/problem+json");
		JsonNode problem = json();
		assertThat(problem.path("type").asString()).as("%s problem type, body %s", this.request, body())
			.isEqualTo("https://vanguard.dev/problems/" + name);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		return problem;
	}

	@Override
	public String toString() {
		String text = body();
		return status() + " " + ((text.length() > 2000) ? text.substring(0, 2000) + "…" : text);
	}

}
