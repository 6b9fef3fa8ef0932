package dev.vanguard.auth.web;

import java.util.Arrays;
import java.util.List;

import dev.vanguard.auth.AuthHttp;
import dev.vanguard.auth.AuthIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.vanguard.auth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** What operators and other teams rely on: health, metrics, API description. */
@AuthIntegrationTest
class OperationsIntegrationTests {

	@LocalServerPort
	int port;

	AuthHttp http;

	@BeforeEach
	void client() {
		this.http = new AuthHttp(this.port);
	}

	@Test
	void prometheusExposesAuthMetricsByOutcome() {
		String email = AuthHttp.uniqueEmail("metrics");
		this.http.register(email, "a perfectly fine passphrase", "Metrics");
		String refreshToken = this.http.login(email, "a perfectly fine passphrase").refreshToken();
		this.http.login(email, "not the passphrase");
		this.http.refresh(refreshToken);
		this.http.refresh("A".repeat(43));

		// metrics answer the internal network only (Prometheus scrapes from there)
		assertThat(this.http.get("/actuator/prometheus").status()).isIn(401, 403);
		assertThat(this.http.get("/actuator/info").status()).isIn(401, 403);
		AuthHttp.Reply reply = this.http.get("/actuator/prometheus", "X-Forwarded-For", "10.1.2.3");

		assertThat(reply.status()).isEqualTo(200);
		String metrics = reply.body();
		assertThat(value(metrics, "auth_user_registrations_total{")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "auth_user_logins_total{", "outcome=\"success\"")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "auth_user_logins_total{", "outcome=\"bad_credentials\"")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "auth_user_logins_total{", "outcome=\"rate_limited\"")).isGreaterThanOrEqualTo(0);
		assertThat(value(metrics, "auth_token_refreshes_total{", "outcome=\"success\"")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "auth_token_refreshes_total{", "outcome=\"invalid\"")).isGreaterThanOrEqualTo(1);
		assertThat(value(metrics, "http_server_requests_seconds_count{", "uri=\"/api/auth/login\""))
			.isGreaterThanOrEqualTo(2);
		assertThat(metrics).contains("application=\"auth-service\"");
	}

	@Test
	void healthIsUpAndOpen() {
		AuthHttp.Reply health = this.http.get("/actuator/health");
		AuthHttp.Reply readiness = this.http.get("/actuator/health/readiness");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		assertThat(readiness.status()).isEqualTo(200);
	}

	@Test
	void openApiDescribesEveryEndpoint() {
		AuthHttp.Reply reply = this.http.get("/api/auth/v3/api-docs");

		assertThat(reply.status()).isEqualTo(200);
		JsonNode paths = reply.json().get("paths");
		assertThat(paths.propertyNames()).contains("/api/auth/register", "/api/auth/login", "/api/auth/refresh",
				"/api/auth/logout", "/api/auth/me", "/.well-known/jwks.json");
		assertThat(reply.json().at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
	}

	@Test
	void swaggerUiIsServedUnderTheServicePrefix() {
		AuthHttp.Reply docs = this.http.get("/api/auth/docs");

		assertThat(docs.status()).isEqualTo(302);
		String location = docs.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith("/api/auth/");
		assertThat(this.http.get(location).status()).isEqualTo(200);
	}

	@Test
	void unknownPathsAndMethodsAnswerWithProblems() {
		assertProblem(this.http.get("/api/auth/nothing-here"), 401, "unauthorized");
		assertProblem(this.http.send("DELETE", "/api/auth/login", null), 405, "method-not-allowed");
	}

	/** The sum over every series of the metric that carries all the labels. */
	private static double value(String metrics, String prefix, String... labels) {
		List<String> series = metrics.lines()
			.filter((line) -> line.startsWith(prefix))
			.filter((line) -> Arrays.stream(labels).allMatch(line::contains))
			.toList();
		assertThat(series).as("series of %s with %s", prefix, Arrays.toString(labels)).isNotEmpty();
		return series.stream()
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
