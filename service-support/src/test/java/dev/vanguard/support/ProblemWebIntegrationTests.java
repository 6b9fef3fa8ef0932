package dev.vanguard.support;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerExceptionResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared web pieces in a running servlet container: a body over the limit is refused
 * with 413 problem+json whether it declares its length or comes chunked (and never
 * reaches the JSON reader, which would answer 400); a feature's refusal, an unreadable
 * body and a security refusal all come back as problems with a type from the catalogue.
 */
@SpringBootTest(classes = ProblemWebIntegrationTests.WebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.banner-mode=off")
class ProblemWebIntegrationTests {

	private static final int LIMIT = 64 * 1024;

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
		HttpResponse<String> response = send("/open/echo", HttpRequest.BodyPublishers
			.ofInputStream(() -> new ByteArrayInputStream("{\"x\":1}".getBytes(StandardCharsets.UTF_8))));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"x\":1}");
	}

	@Test
	void answersAnUnreadableBodyWithAMalformedRequestProblem() throws Exception {
		HttpResponse<String> response = send("/open/echo", HttpRequest.BodyPublishers
			.ofInputStream(() -> new ByteArrayInputStream("{\"x\":".getBytes(StandardCharsets.UTF_8))));
		assertProblem(response, 400, "malformed-request");
	}

	@Test
	void answersAFeaturesRefusalWithItsProblemAndHeaders() throws Exception {
		HttpResponse<String> response = send("/open/refuse", HttpRequest.BodyPublishers.ofString("{}"));
		assertProblem(response, 429, "rate-limited");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
	}

	@Test
	void answersAnUnexpectedFailureWithAnInternalProblemWithoutInternals() throws Exception {
		HttpResponse<String> response = send("/open/fail", HttpRequest.BodyPublishers.ofString("{}"));
		assertProblem(response, 500, "internal");
		assertThat(response.body()).doesNotContain("secret", "Exception");
	}

	@Test
	void answersAMissingTokenWithAnUnauthorizedProblemAndTheBearerChallenge() throws Exception {
		HttpResponse<String> response = send("/closed", HttpRequest.BodyPublishers.ofString("{}"));
		assertProblem(response, 401, "unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	private void assertTooLarge(HttpRequest.BodyPublisher body) throws Exception {
		HttpResponse<String> response = send("/open/echo", body);
		assertProblem(response, 413, "payload-too-large");
		assertThat(response.body()).contains("larger than " + LIMIT + " bytes");
	}

	private static void assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + status,
				"\"type\":\"https://vanguard.dev/problems/" + type + "\"");
	}

	private HttpResponse<String> send(String path, HttpRequest.BodyPublisher body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(body)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A JSON string of 1 MiB: well over the limit, under what Tomcat swallows. */
	private static byte[] body() {
		byte[] json = new byte[1024 * 1024];
		Arrays.fill(json, (byte) 'a');
		json[0] = '"';
		json[json.length - 1] = '"';
		return json;
	}

	@SpringBootApplication(proxyBeanMethods = false)
	static class WebApplication {

		@Bean
		BodyLimitFilter bodyLimitFilter(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
			return new BodyLimitFilter(DataSize.ofBytes(LIMIT), resolver);
		}

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http,
				@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
			ProblemSecurityHandlers problems = new ProblemSecurityHandlers(resolver);
			http.csrf((csrf) -> csrf.disable())
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.authorizeHttpRequests((requests) -> requests.requestMatchers("/open/**", "/error")
					.permitAll()
					.anyRequest()
					.authenticated())
				.exceptionHandling(
						(handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems));
			return http.build();
		}

		@Bean
		Endpoints endpoints() {
			return new Endpoints();
		}

		@Bean
		Advice advice() {
			return new Advice();
		}

	}

	@RestController
	static class Endpoints {

		@PostMapping("/open/echo")
		Map<String, Object> echo(@RequestBody Map<String, Object> body) {
			return body;
		}

		@PostMapping("/open/refuse")
		void refuse() {
			throw new ProblemException(ProblemType.RATE_LIMITED, "Too many requests", "Wait a little.")
				.retryAfter(java.time.Duration.ofMillis(2500));
		}

		@PostMapping("/open/fail")
		void fail() {
			throw new IllegalStateException("secret internals");
		}

		@PostMapping("/closed")
		void closed() {
		}

	}

	@RestControllerAdvice
	static class Advice extends ProblemHandling {

	}

}
