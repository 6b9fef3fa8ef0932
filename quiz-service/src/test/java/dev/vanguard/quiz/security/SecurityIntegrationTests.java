package dev.vanguard.quiz.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import dev.vanguard.quiz.Api;
import dev.vanguard.quiz.QuizIntegrationTest;
import dev.vanguard.quiz.Quizzes;
import dev.vanguard.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only host tokens from auth-service open the library; everything else is a 401 problem.
 */
@QuizIntegrationTest
class SecurityIntegrationTests {

	@Autowired
	RestTestClient client;

	final UUID host = UUID.randomUUID();

	@Test
	void refusesRequestWithoutToken() {
		ResponseSpec response = this.client.get().uri("/api/quizzes").exchange();
		response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		Api.problem(response, 401, "unauthorized");
	}

	@Test
	void refusesPlayerTokenEvenSignedWithTheTrustedKey() {
		String player = TestTokens.playerSignedByAuth(UUID.randomUUID());
		Api.problem(withToken(player, "/api/quizzes"), 401, "unauthorized");
		Api.problem(withToken(player, "/api/quizzes/00000000-0000-0000-0000-0000000005a1"), 401, "unauthorized");
		Api.problem(this.client.post()
			.uri("/api/quizzes")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + player)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Quizzes.everyType("By a player"))
			.exchange(), 401, "unauthorized");
	}

	@Test
	void refusesTokenSignedWithAnotherKey() {
		ResponseSpec response = withToken(TestTokens.forgedHost(this.host), "/api/quizzes");
		response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		Api.problem(response, 401, "unauthorized");
	}

	@Test
	void refusesExpiredToken() {
		String expired = TestTokens.hostWith(this.host,
				(claims) -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
					.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));
		Api.problem(withToken(expired, "/api/quizzes"), 401, "unauthorized");
	}

	@Test
	void refusesTokenFromAnotherIssuer() {
		Api.problem(
				withToken(TestTokens.hostWith(this.host, (claims) -> claims.issuer("someone-else")), "/api/quizzes"),
				401, "unauthorized");
	}

	@Test
	void refusesTokenWithoutHostScope() {
		Api.problem(
				withToken(TestTokens.hostWith(this.host, (claims) -> claims.claim("scope", "profile")), "/api/quizzes"),
				401, "unauthorized");
	}

	@Test
	void refusesTokenWhoseSubjectIsNotAUserId() {
		Api.problem(withToken(TestTokens.hostWith(this.host, (claims) -> claims.subject("admin")), "/api/quizzes"), 401,
				"unauthorized");
	}

	@Test
	void refusesGarbageToken() {
		Api.problem(withToken("not.a.jwt", "/api/quizzes"), 401, "unauthorized");
	}

	@Test
	void acceptsHostToken() {
		withToken(TestTokens.host(this.host), "/api/quizzes").expectStatus().isOk();
	}

	@Test
	void acceptsScopeListThatIncludesHost() {
		String token = TestTokens.hostWith(this.host,
				(claims) -> claims.claim("scope", java.util.List.of("profile", "host")));
		withToken(token, "/api/quizzes").expectStatus().isOk();
	}

	@Test
	void refusesPathsOutsideTheServiceWithProblem() {
		JsonNode problem = Api.problem(withToken(TestTokens.host(this.host), "/internal/secrets"), 403, "forbidden");
		assertThat(problem.get("instance").stringValue()).isEqualTo("/internal/secrets");
	}

	@Test
	void leavesHealthMetricsAndApiDocsOpen() {
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/api/quizzes/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/quizzes/{id}']")
			.exists();
	}

	private ResponseSpec withToken(String token, String path) {
		return this.client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

}
