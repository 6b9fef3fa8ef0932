package dev.vanguard.quiz;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import dev.vanguard.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls the running service as a given host. */
public record Api(RestTestClient client) {

	/** GET a URI template; the variables are encoded in full, {@code &} included. */
	public ResponseSpec get(UUID host, String template, Object... variables) {
		return this.client.get().uri(template, variables).header(HttpHeaders.AUTHORIZATION, bearer(host)).exchange();
	}

	public ResponseSpec post(UUID host, String path, Object body) {
		return this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, bearer(host))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange();
	}

	public ResponseSpec put(UUID host, String path, Object body) {
		return this.client.put()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, bearer(host))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange();
	}

	public ResponseSpec delete(UUID host, String path) {
		return this.client.delete().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(host)).exchange();
	}

	/** Creates a quiz that must be valid, and returns it as the service answered. */
	public JsonNode create(UUID host, Object quiz) {
		return json(post(host, "/api/quizzes", quiz).expectStatus().isCreated());
	}

	public JsonNode read(UUID host, String id) {
		return json(get(host, "/api/quizzes/" + id).expectStatus().isOk());
	}

	public static JsonNode json(ResponseSpec response) {
		JsonNode body = response.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(body).isNotNull();
		return body;
	}

	/** Asserts a problem of this type and status, and returns it. */
	public static JsonNode problem(ResponseSpec response, int status, String type) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = json(response);
		assertThat(problem.path("type").asString("")).as(problem::toString)
			.isEqualTo("https://vanguard.dev/problems/" + type);
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		assertThat(problem.get("detail").stringValue()).isNotBlank();
		return problem;
	}

	public static String bearer(UUID host) {
		return "Bearer " + TestTokens.host(host);
	}

}
