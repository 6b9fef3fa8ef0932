package dev.vanguard.auth.signin;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.vanguard.auth.AuthHttp;
import dev.vanguard.auth.AuthIntegrationTest;
import dev.vanguard.auth.TestSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import static dev.vanguard.auth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/auth/logout-all}: one browser ends every sign-in of its host; the
 * others find out at their next refresh.
 */
@AuthIntegrationTest
class LogoutEverywhereIntegrationTests {

	private static final String PASSWORD = "a perfectly fine passphrase";

	private static final String OUR_ORIGIN = "http://localhost:8080";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JwtEncoder encoder;

	AuthHttp http;

	/** The laptop: the browser that signs out everywhere. */
	AuthHttp.Reply laptop;

	/** The host's phone, signed in to the same account. */
	AuthHttp.Reply phone;

	@BeforeEach
	void signInTwice() {
		this.http = new AuthHttp(this.port);
		this.laptop = this.http.registerAndLogin("everywhere");
		this.phone = this.http.login(email(this.laptop), PASSWORD);
		assertThat(this.phone.status()).isEqualTo(200);
	}

	@Test
	void revokesEverySignInOfTheHostAndClearsTheCookie() {
		String phoneToken = this.http.refresh(this.phone.refreshToken()).refreshToken();

		AuthHttp.Reply reply = logoutAll(this.laptop.accessToken(), "Origin", OUR_ORIGIN, "Sec-Fetch-Site",
				"same-origin");

		assertThat(reply.status()).isEqualTo(204);
		assertThat(reply.refreshCookieHeader().orElseThrow()).startsWith(AuthHttp.COOKIE + "=;")
			.contains("; Path=/api/auth", "Max-Age=0", "; HttpOnly", "; SameSite=Strict");
		assertThat(assertProblem(this.http.refresh(phoneToken), 401, "invalid-refresh-token").get("detail").asString())
			.as("the other browser at its next refresh")
			.contains("revoked");
		assertProblem(this.http.refresh(this.laptop.refreshToken()), 401, "invalid-refresh-token");
		assertThat(openFamilies(this.laptop)).isZero();
	}

	@Test
	void leavesOtherHostsSignedIn() {
		AuthHttp.Reply otherHost = this.http.registerAndLogin("bystander");

		assertThat(logoutAll(this.laptop.accessToken()).status()).isEqualTo(204);

		assertThat(this.http.refresh(otherHost.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void aSignInAfterwardsWorks() {
		assertThat(logoutAll(this.laptop.accessToken()).status()).isEqualTo(204);

		AuthHttp.Reply again = this.http.login(email(this.laptop), PASSWORD);

		assertThat(again.status()).isEqualTo(200);
		assertThat(this.http.refresh(again.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void accessTokensAlreadyIssuedLiveOnUntilTheyExpire() {
		assertThat(logoutAll(this.laptop.accessToken()).status()).isEqualTo(204);

		assertThat(this.http.me(this.phone.accessToken()).status()).isEqualTo(200);
	}

	@Test
	void refusesARequestWithoutAnAccessToken() {
		AuthHttp.Reply reply = this.http.send("POST", "/api/auth/logout-all", null, "Cookie",
				AuthHttp.COOKIE + "=" + this.laptop.refreshToken());

		assertProblem(reply, 401, "unauthorized");
		assertStillSignedIn();
	}

	@Test
	void refusesAnExpiredAccessToken() {
		Instant past = Instant.now().minus(Duration.ofHours(1));
		String expired = sign(past, past.plus(Duration.ofMinutes(15)));
		Instant now = Instant.now();
		assertThat(this.http.me(sign(now, now.plus(Duration.ofMinutes(15)))).status())
			.as("the same token, in its time, is accepted")
			.isEqualTo(200);

		assertProblem(logoutAll(expired), 401, "unauthorized");
		assertStillSignedIn();
	}

	@Test
	void refusesATokenSignedWithAnotherKey() throws NoSuchAlgorithmException {
		// Everything about it is ours (the kid, the issuer, the host's own claims) but
		// the signature.
		Instant now = Instant.now();
		String forged = TestSigner.sign(TestSigner.foreignEncoder(issuedKeyId()), issuedKeyId(),
				hostClaims(now, now.plus(Duration.ofMinutes(15))).build());

		assertProblem(logoutAll(forged), 401, "unauthorized");
		assertStillSignedIn();
	}

	@Test
	void refusesTokensThatSessionServiceSigns() throws NoSuchAlgorithmException {
		// As session-service issues them, with its own key: a player token, and the grant
		// whose subject is this very host's id.
		JwtEncoder sessionServiceKey = TestSigner.foreignEncoder("player-token-key");
		Instant now = Instant.now();
		String playerToken = TestSigner.sign(sessionServiceKey, "player-token-key",
				JwtClaimsSet.builder()
					.issuer("vanguard-session")
					.subject(UUID.randomUUID().toString())
					.claim("sid", UUID.randomUUID().toString())
					.claim("scope", "player")
					.claim("nickname", "Brave Otter")
					.issuedAt(now)
					.expiresAt(now.plus(Duration.ofHours(4)))
					.build());
		String answerKeyGrant = TestSigner.sign(sessionServiceKey, "player-token-key",
				JwtClaimsSet.builder()
					.issuer("vanguard-session")
					.audience(List.of("quiz-service"))
					.subject(hostId())
					.claim("quiz", UUID.randomUUID().toString())
					.claim("scope", "quiz-key")
					.issuedAt(now)
					.expiresAt(now.plus(Duration.ofMinutes(1)))
					.build());

		assertProblem(logoutAll(playerToken), 401, "unauthorized");
		assertProblem(logoutAll(answerKeyGrant), 401, "unauthorized");
		assertStillSignedIn();
	}

	@Test
	void refusesCrossSiteRequests() {
		String token = this.laptop.accessToken();

		assertProblem(logoutAll(token, "Origin", "https://evil.example"), 403, "cross-site-request");
		assertProblem(logoutAll(token, "Sec-Fetch-Site", "cross-site"), 403, "cross-site-request");
		assertProblem(logoutAll(token, "Origin", "https://evil.example", "Sec-Fetch-Site", "same-site"), 403,
				"cross-site-request");
		assertStillSignedIn();
	}

	@Test
	void refusesAGetRequest() {
		AuthHttp.Reply reply = this.http.send("GET", "/api/auth/logout-all", null, "Authorization",
				"Bearer " + this.laptop.accessToken());

		assertThat(reply.status()).isEqualTo(405);
		assertStillSignedIn();
	}

	private AuthHttp.Reply logoutAll(String accessToken, String... headers) {
		String[] all = new String[headers.length + 4];
		all[0] = "Authorization";
		all[1] = "Bearer " + accessToken;
		all[2] = "Cookie";
		all[3] = AuthHttp.COOKIE + "=" + this.laptop.refreshToken();
		System.arraycopy(headers, 0, all, 4, headers.length);
		return this.http.send("POST", "/api/auth/logout-all", null, all);
	}

	private void assertStillSignedIn() {
		assertThat(openFamilies(this.laptop)).isEqualTo(2);
		assertThat(this.http.refresh(this.phone.refreshToken()).status()).isEqualTo(200);
	}

	private long openFamilies(AuthHttp.Reply signedIn) {
		return this.jdbc.sql("""
				select count(*) from refresh_token_families f join accounts a on a.id = f.account_id
				where a.email = :email and f.revoked_at is null""")
			.param("email", email(signedIn))
			.query(Long.class)
			.single();
	}

	/**
	 * A token signed with the service's own key (the kid of one it issued), for other
	 * times.
	 */
	private String sign(Instant issuedAt, Instant expiresAt) {
		return TestSigner.sign(this.encoder, issuedKeyId(), hostClaims(issuedAt, expiresAt).build());
	}

	/** The claims auth-service gives the laptop's host. */
	private JwtClaimsSet.Builder hostClaims(Instant issuedAt, Instant expiresAt) {
		JsonNode user = this.laptop.json().get("user");
		return JwtClaimsSet.builder()
			.issuer("vanguard-auth")
			.subject(hostId())
			.issuedAt(issuedAt)
			.expiresAt(expiresAt)
			.claim("email", user.get("email").asString())
			.claim("name", user.get("displayName").asString())
			.claim("scope", "host");
	}

	private String hostId() {
		return this.laptop.json().at("/user/id").asString();
	}

	/** The kid in the header of the access token the laptop was issued. */
	private String issuedKeyId() {
		String header = this.laptop.accessToken().split("\\.")[0];
		return JsonMapper.builder()
			.build()
			.readTree(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8))
			.get("kid")
			.asString();
	}

	private static String email(AuthHttp.Reply signedIn) {
		return signedIn.json().at("/user/email").asString();
	}

}
