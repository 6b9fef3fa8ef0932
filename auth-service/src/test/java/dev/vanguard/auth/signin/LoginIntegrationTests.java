package dev.vanguard.auth.signin;

import java.time.Duration;
import java.util.UUID;

import dev.vanguard.auth.AuthHttp;
import dev.vanguard.auth.AuthIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.vanguard.auth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@AuthIntegrationTest
class LoginIntegrationTests {

	private static final String PASSWORD = "a perfectly fine passphrase";

	@LocalServerPort
	int port;

	AuthHttp http;

	String email;

	JsonNode registered;

	@BeforeEach
	void registerHost() {
		this.http = new AuthHttp(this.port);
		this.email = AuthHttp.uniqueEmail("login");
		this.registered = this.http.register(this.email, PASSWORD, "Login Host").json();
	}

	@Test
	void signsInWithAccessTokenAndRefreshCookie() {
		AuthHttp.Reply reply = this.http.login(this.email, PASSWORD);

		assertThat(reply.status()).isEqualTo(200);
		JsonNode body = reply.json();
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("accessToken", "tokenType", "expiresIn", "user");
		assertThat(body.get("accessToken").asString()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
		assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(body.get("expiresIn").asLong()).isEqualTo(900);
		assertThat(body.get("user")).isEqualTo(this.registered);
		assertThat(reply.refreshToken()).matches("[A-Za-z0-9_-]{43}");
		assertThat(reply.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
	}

	@Test
	void refreshCookieIsHttpOnlyStrictAndScopedToTheAuthPaths() {
		String cookie = this.http.login(this.email, PASSWORD).refreshCookieHeader().orElseThrow();

		assertThat(cookie).contains("; Path=/api/auth", "; Max-Age=604800", "; HttpOnly", "; SameSite=Strict")
			.doesNotContain("Secure")
			.doesNotContain("Domain");
	}

	@Test
	void refreshCookieIsSecureWhenTheClientUsedTls() {
		AuthHttp.Reply reply = this.http.post("/api/auth/login",
				"{\"email\":\"" + this.email + "\",\"password\":\"" + PASSWORD + "\"}", "X-Forwarded-Proto", "https");

		assertThat(reply.refreshCookieHeader().orElseThrow()).contains("; Secure", "; HttpOnly", "; SameSite=Strict");
	}

	@Test
	void emailIsMatchedIgnoringCase() {
		assertThat(this.http.login(this.email.toUpperCase(), PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
		AuthHttp.Reply wrongPassword = this.http.login(this.email, "not the right passphrase");
		AuthHttp.Reply unknownEmail = this.http.login(AuthHttp.uniqueEmail("nobody"), "not the right passphrase");

		assertProblem(wrongPassword, 401, "bad-credentials");
		assertThat(unknownEmail.status()).isEqualTo(wrongPassword.status());
		assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
		assertThat(unknownEmail.contentType()).isEqualTo(wrongPassword.contentType());
		assertThat(unknownEmail.refreshCookieHeader()).isEmpty();
		assertThat(wrongPassword.refreshCookieHeader()).isEmpty();
	}

	@Test
	void rejectsMissingOrOversizedFields() {
		JsonNode missing = assertProblem(this.http.post("/api/auth/login", "{}"), 400, "validation");
		JsonNode oversized = assertProblem(this.http.login(this.email, "p".repeat(129)), 400, "validation");

		assertThat(missing.get("errors").findValuesAsString("field")).containsExactly("email", "password");
		assertThat(oversized.get("errors").findValuesAsString("field")).containsExactly("password");
	}

	@Test
	void rejectsMalformedJson() {
		assertProblem(this.http.post("/api/auth/login", "{\"email\":"), 400, "malformed-request");
	}

	@Test
	void throttlesGuessesAtAnAccountFromOneAddressWithoutLockingItsOwnerOut() {
		for (int i = 0; i < 5; i++) {
			assertProblem(this.http.login(this.email, "wrong passphrase " + i), 401, "bad-credentials");
		}

		AuthHttp.Reply throttled = this.http.login(this.email, PASSWORD);
		assertProblem(throttled, 429, "too-many-attempts");
		assertRetryAfterWithinWindow(throttled);
		assertThat(throttled.refreshCookieHeader()).isEmpty();
		// the owner, signing in from anywhere else, is not locked out by someone's
		// guesses
		assertThat(new AuthHttp(this.port).login(this.email, PASSWORD).status()).isEqualTo(200);
		// and the guesser's address can still sign in to other accounts
		assertThat(this.http.registerAndLogin("neighbour").status()).isEqualTo(200);
	}

	@Test
	void slowsDownGuessesAtAnAccountFromManyAddressesButNeverLocksIt() {
		for (int i = 0; i < 10; i++) {
			assertProblem(new AuthHttp(this.port).login(this.email, "guess " + i), 401, "bad-credentials");
		}

		AuthHttp.Reply slowed = new AuthHttp(this.port).login(this.email, PASSWORD);
		assertProblem(slowed, 429, "too-many-attempts");
		assertThat(Long.parseLong(slowed.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 5L);
		// after the slowdown (5 s), the owner is let in
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> new AuthHttp(this.port).login(this.email, PASSWORD).status() == 200);
	}

	@Test
	void throttlesAnAddressAfterTwentyFailedSignIns() {
		for (int i = 0; i < 20; i++) {
			assertProblem(this.http.login("spray-" + UUID.randomUUID() + "@example.com", "guess " + i), 401,
					"bad-credentials");
		}

		AuthHttp.Reply throttled = this.http.login(this.email, PASSWORD);
		assertProblem(throttled, 429, "too-many-attempts");
		assertRetryAfterWithinWindow(throttled);
		assertThat(new AuthHttp(this.port).login(this.email, PASSWORD).status()).isEqualTo(200);
	}

	private static void assertRetryAfterWithinWindow(AuthHttp.Reply reply) {
		long retryAfter = Long.parseLong(reply.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 900L);
		assertThat(reply.json().get("detail").asString()).contains(retryAfter + " seconds");
	}

}
