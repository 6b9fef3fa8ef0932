package dev.vanguard.auth.token;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;

import dev.vanguard.auth.AuthHttp;
import dev.vanguard.auth.AuthIntegrationTest;
import dev.vanguard.auth.TestSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static dev.vanguard.auth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Host access tokens as the other services see them: through a resource server that knows
 * nothing but the JWKS URL, and through this service's own {@code /me}.
 */
@AuthIntegrationTest
class AccessTokenIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JwtEncoder encoder;

	@Autowired
	SigningKeys keys;

	AuthHttp http;

	NimbusJwtDecoder resourceServer;

	JsonNode signedIn;

	@BeforeEach
	void signIn() {
		this.http = new AuthHttp(this.port);
		this.signedIn = this.http.registerAndLogin("token").json();
		this.resourceServer = NimbusJwtDecoder.withJwkSetUri(this.http.baseUrl() + "/.well-known/jwks.json").build();
		this.resourceServer.setJwtValidator(JwtValidators.createDefaultWithIssuer("vanguard-auth"));
	}

	@Test
	void jwksPublishesOnlyTheRsaPublicKey() {
		AuthHttp.Reply reply = this.http.get("/.well-known/jwks.json");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.headers().firstValue("Cache-Control").orElse("")).contains("max-age=300");
		JsonNode key = reply.json().get("keys").get(0);
		assertThat(key.get("kty").asString()).isEqualTo("RSA");
		assertThat(key.get("alg").asString()).isEqualTo("RS256");
		assertThat(key.get("use").asString()).isEqualTo("sig");
		assertThat(key.get("kid").asString()).isEqualTo(this.keys.signingKeyId());
		assertThat(key.propertyNames()).doesNotContain("d", "p", "q", "dp", "dq", "qi");
	}

	@Test
	void resourceServerKnowingOnlyTheJwksUrlAcceptsIssuedTokens() {
		Jwt jwt = this.resourceServer.decode(this.signedIn.get("accessToken").asString());

		JsonNode user = this.signedIn.get("user");
		assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsEntry("kid", this.keys.signingKeyId());
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("vanguard-auth");
		assertThat(jwt.getSubject()).isEqualTo(user.get("id").asString());
		assertThat(jwt.getClaimAsString("email")).isEqualTo(user.get("email").asString());
		assertThat(jwt.getClaimAsString("name")).isEqualTo(user.get("displayName").asString());
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("host");
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
		assertThat(jwt.getClaims().keySet()).containsExactlyInAnyOrder("iss", "sub", "email", "name", "scope", "iat",
				"exp");
	}

	@Test
	void meReturnsTheSignedInHost() {
		AuthHttp.Reply me = this.http.me(this.signedIn.get("accessToken").asString());

		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json()).isEqualTo(this.signedIn.get("user"));
	}

	@Test
	void meWithoutATokenIsUnauthorized() {
		AuthHttp.Reply reply = this.http.get("/api/auth/me");

		assertProblem(reply, 401, "unauthorized");
		assertThat(reply.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
	}

	@Test
	void expiredTokensAreRefused() {
		Instant past = Instant.now().minus(Duration.ofHours(1));
		String expired = sign(this.encoder, this.keys.signingKeyId(),
				(claims) -> claims.issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(15))));

		assertRefused(expired);
	}

	@Test
	void tamperedTokensAreRefused() {
		String[] parts = this.signedIn.get("accessToken").asString().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String forged = payload.replace(this.signedIn.at("/user/email").asString(), "someone.else@example.com");
		assertThat(forged).isNotEqualTo(payload);
		String tampered = parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];

		assertRefused(tampered);
	}

	@Test
	void tokensSignedWithAForeignKeyAreRefused() throws Exception {
		// One claims to be signed by our key (only the signature can tell), one names a
		// key the JWKS does not have.
		String sameKid = sign(TestSigner.foreignEncoder(this.keys.signingKeyId()), this.keys.signingKeyId(),
				(claims) -> {
				});
		String otherKid = sign(TestSigner.foreignEncoder("some-other-kid"), "some-other-kid", (claims) -> {
		});

		assertRefused(sameKid);
		assertRefused(otherKid);
	}

	@Test
	void tokensFromAnotherIssuerAreRefused() {
		assertRefused(sign(this.encoder, this.keys.signingKeyId(), (claims) -> claims.issuer("vanguard-session")));
	}

	@Test
	void tokensWithoutTheHostScopeAreForbidden() {
		String playerToken = sign(this.encoder, this.keys.signingKeyId(), (claims) -> claims.claim("scope", "player"));

		assertProblem(this.http.me(playerToken), 403, "forbidden");
	}

	@Test
	void tokensForAnAccountThatDoesNotExistAreUnauthorized() {
		String orphan = sign(this.encoder, this.keys.signingKeyId(),
				(claims) -> claims.subject(UUID.randomUUID().toString()));

		assertProblem(this.http.me(orphan), 401, "unauthorized");
	}

	private void assertRefused(String token) {
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.resourceServer.decode(token));
		AuthHttp.Reply me = this.http.me(token);
		assertProblem(me, 401, "unauthorized");
		assertThat(me.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
	}

	private String sign(JwtEncoder encoder, String kid, Consumer<JwtClaimsSet.Builder> customizer) {
		JsonNode user = this.signedIn.get("user");
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer("vanguard-auth")
			.subject(user.get("id").asString())
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(15)))
			.claim("email", user.get("email").asString())
			.claim("name", user.get("displayName").asString())
			.claim("scope", "host");
		customizer.accept(claims);
		return TestSigner.sign(encoder, kid, claims.build());
	}

}
