package dev.vanguard.auth.signin;

import java.time.OffsetDateTime;

import dev.vanguard.auth.AuthHttp;
import dev.vanguard.auth.AuthIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.vanguard.auth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@AuthIntegrationTest
class RefreshTokenIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	AuthHttp http;

	AuthHttp.Reply signedIn;

	@BeforeEach
	void signIn() {
		this.http = new AuthHttp(this.port);
		this.signedIn = this.http.registerAndLogin("refresh");
	}

	@Test
	void exchangesTheCookieForANewAccessTokenAndRotatesIt() {
		String first = this.signedIn.refreshToken();

		AuthHttp.Reply refreshed = this.http.refresh(first, "Origin", "http://localhost:8080");

		assertThat(refreshed.status()).isEqualTo(200);
		JsonNode body = refreshed.json();
		assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(body.get("expiresIn").asLong()).isEqualTo(900);
		assertThat(body.get("user")).isEqualTo(this.signedIn.json().get("user"));
		assertThat(refreshed.refreshToken()).isNotEqualTo(first);
		assertThat(refreshed.refreshCookieHeader().orElseThrow()).contains("; Path=/api/auth", "; HttpOnly",
				"; SameSite=Strict", "; Max-Age=604800");
		assertThat(this.http.me(refreshed.accessToken()).json()).isEqualTo(body.get("user"));
		assertThat(this.http.refresh(refreshed.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void replayingARotatedTokenRevokesTheWholeFamily() {
		AuthHttp.Reply otherSignIn = this.http.login(this.signedIn.json().at("/user/email").asString(),
				"a perfectly fine passphrase");
		String first = this.signedIn.refreshToken();
		String second = this.http.refresh(first).refreshToken();

		AuthHttp.Reply replay = this.http.refresh(first);

		JsonNode problem = assertProblem(replay, 401, "invalid-refresh-token");
		assertThat(problem.get("detail").asString()).contains("already used");
		assertThat(replay.refreshCookieHeader().orElseThrow()).startsWith(AuthHttp.COOKIE + "=;").contains("Max-Age=0");
		assertThat(assertProblem(this.http.refresh(second), 401, "invalid-refresh-token").get("detail").asString())
			.contains("revoked");
		assertThat(this.http.refresh(otherSignIn.refreshToken()).status()).as("another sign-in's family")
			.isEqualTo(200);
	}

	@Test
	void refusesAnExpiredRefreshToken() {
		String token = this.signedIn.refreshToken();
		this.jdbc.sql("update refresh_tokens set expires_at = :past where token_hash = :hash")
			.param("past", OffsetDateTime.now().minusSeconds(1))
			.param("hash", RefreshTokens.hash(token))
			.update();

		AuthHttp.Reply reply = this.http.refresh(token);

		assertThat(assertProblem(reply, 401, "invalid-refresh-token").get("detail").asString()).contains("expired");
		assertThat(reply.refreshCookieHeader().orElseThrow()).contains("Max-Age=0");
	}

	@Test
	void refusesMissingMalformedOrUnknownRefreshTokens() {
		assertThat(assertProblem(this.http.refresh(null), 401, "invalid-refresh-token").get("detail").asString())
			.contains("No refresh token");
		assertProblem(this.http.refresh("not-a-token"), 401, "invalid-refresh-token");
		assertProblem(this.http.refresh("A".repeat(43)), 401, "invalid-refresh-token");
	}

	@Test
	void refusesCrossSiteRefreshByOriginWithoutSpendingTheToken() {
		String token = this.signedIn.refreshToken();

		assertProblem(this.http.refresh(token, "Origin", "https://evil.example"), 403, "cross-site-request");
		assertProblem(this.http.refresh(token, "Origin", "null"), 403, "cross-site-request");
		assertProblem(this.http.refresh(token, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"), 403,
				"cross-site-request");

		assertThat(
				this.http.refresh(token, "Origin", "http://localhost:8080", "Sec-Fetch-Site", "same-origin").status())
			.isEqualTo(200);
	}

	@Test
	void refusesCrossSiteRefreshBySecFetchSite() {
		String token = this.signedIn.refreshToken();

		assertProblem(this.http.refresh(token, "Sec-Fetch-Site", "cross-site"), 403, "cross-site-request");
		assertProblem(this.http.refresh(token, "Sec-Fetch-Site", "same-site"), 403, "cross-site-request");

		assertThat(this.http.refresh(token, "Sec-Fetch-Site", "same-origin").status()).isEqualTo(200);
	}

	@Test
	void logoutRevokesTheFamilyAndClearsTheCookie() {
		String first = this.signedIn.refreshToken();
		String second = this.http.refresh(first).refreshToken();

		AuthHttp.Reply logout = this.http.logout(second, "Origin", "http://localhost:8080");

		assertThat(logout.status()).isEqualTo(204);
		assertThat(logout.refreshCookieHeader().orElseThrow()).startsWith(AuthHttp.COOKIE + "=;")
			.contains("; Path=/api/auth", "Max-Age=0", "; HttpOnly", "; SameSite=Strict");
		assertThat(assertProblem(this.http.refresh(second), 401, "invalid-refresh-token").get("detail").asString())
			.contains("revoked");
		assertProblem(this.http.refresh(first), 401, "invalid-refresh-token");
	}

	@Test
	void logoutRefusesCrossSiteRequests() {
		String token = this.signedIn.refreshToken();

		assertProblem(this.http.logout(token, "Origin", "https://evil.example"), 403, "cross-site-request");

		assertThat(this.http.refresh(token).status()).as("still signed in").isEqualTo(200);
	}

	@Test
	void logoutWithoutACookieStillSucceeds() {
		AuthHttp.Reply logout = this.http.logout(null);

		assertThat(logout.status()).isEqualTo(204);
		assertThat(logout.refreshCookieHeader().orElseThrow()).contains("Max-Age=0");
	}

}
