package dev.vanguard.auth;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape every refusal must have: RFC 9457 problem JSON with a stable type. */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	/** Asserts the problem and returns its JSON for further checks. */
	public static JsonNode assertProblem(AuthHttp.Reply reply, int status, String type) {
		assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		JsonNode problem = reply.json();
		assertThat(problem.path("type").asString()).isEqualTo("https://vanguard.dev/problems/" + type);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		assertThat(reply.body()).doesNotContain("Exception", "\"trace\"", "at dev.vanguard", "at org.springframework");
		return problem;
	}

}
