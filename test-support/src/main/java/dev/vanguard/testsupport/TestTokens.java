package dev.vanguard.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the key sets of auth-service and session-service in the tests of the
 * services that check their tokens: auth-service's RSA key, session-service's P-256 key
 * (ES256) beside an RSA one (RS256, as keys made before signed), their JWKS served over
 * HTTP on a random port (so the services' real decoders fetch them as in production), and
 * tokens signed with them, including the ones a service must refuse. One per JVM.
 */
public final class TestTokens {

	private static final String AUTH_KEY_ID = "auth-key";

	private static final RSAKey AUTH_KEY = rsaKey(AUTH_KEY_ID);

	private static final ECKey SESSION_KEY = ecKey("session-key");

	private static final RSAKey SESSION_RSA_KEY = rsaKey("session-rsa-key");

	/** Someone else's key under auth-service's key id: a forged token. */
	private static final RSAKey FOREIGN_KEY = rsaKey(AUTH_KEY_ID);

	private static final HttpServer JWKS_SERVER = startJwksServer();

	private TestTokens() {
	}

	/** auth-service's key set. */
	public static String authJwksUri() {
		return jwksBase() + "/auth/jwks.json";
	}

	/** session-service's key set. */
	public static String sessionJwksUri() {
		return jwksBase() + "/session/jwks.json";
	}

	/** A valid host access token, as auth-service issues them. */
	public static String host(UUID hostId) {
		return hostWith(hostId, UnaryOperator.identity());
	}

	/** Host claims changed by {@code change}, signed with auth-service's key. */
	public static String hostWith(UUID hostId, UnaryOperator<JWTClaimsSet.Builder> change) {
		return sign(AUTH_KEY, change
			.apply(claims("vanguard-auth", hostId.toString(), "host").claim("email", "host-" + hostId + "@example.com")
				.claim("name", "Test Host"))
			.build());
	}

	/** A host token that expired half an hour ago. */
	public static String expiredHost(UUID hostId) {
		Instant now = Instant.now();
		return hostWith(hostId, (claims) -> claims.issueTime(Date.from(now.minus(Duration.ofHours(1))))
			.expirationTime(Date.from(now.minus(Duration.ofMinutes(30)))));
	}

	/** Host claims signed with a key auth-service never published. */
	public static String forgedHost(UUID hostId) {
		return sign(FOREIGN_KEY, claims("vanguard-auth", hostId.toString(), "host").build());
	}

	/** A player token of session {@code sessionId}, as session-service issues them. */
	public static String player(UUID sessionId, UUID playerId) {
		return playerWithScope(sessionId, playerId, "player");
	}

	/** A player token whose scope is {@code scope}. */
	public static String playerWithScope(UUID sessionId, UUID playerId, String scope) {
		return sign(SESSION_KEY, playerClaims(sessionId, playerId, scope));
	}

	/** A player token signed RS256, as session-service signs with an RSA key. */
	public static String playerSignedWithRsa(UUID sessionId, UUID playerId) {
		return sign(SESSION_RSA_KEY, playerClaims(sessionId, playerId, "player"));
	}

	/**
	 * A player token signed with auth-service's key: trusted key, wrong kind of token.
	 */
	public static String playerSignedByAuth(UUID playerId) {
		return sign(AUTH_KEY, playerClaims(UUID.randomUUID(), playerId, "player"));
	}

	/**
	 * session-service's grant to read quiz {@code quizId} with its answers for
	 * {@code hostId}, changed by {@code change}, ES256 as session-service signs it.
	 */
	public static String answerKeyGrant(UUID hostId, UUID quizId, UnaryOperator<JWTClaimsSet.Builder> change) {
		return sign(SESSION_KEY, change.apply(answerKeyClaims(hostId, quizId)).build());
	}

	/** An answer key grant signed with a key nobody publishes. */
	public static String forgedAnswerKeyGrant(UUID hostId, UUID quizId) {
		return sign(FOREIGN_KEY, answerKeyClaims(hostId, quizId).build());
	}

	private static JWTClaimsSet.Builder answerKeyClaims(UUID hostId, UUID quizId) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("vanguard-session")
			.audience("quiz-service")
			.subject(hostId.toString())
			.claim("quiz", quizId.toString())
			.claim("scope", "quiz-key")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(1))));
	}

	private static JWTClaimsSet playerClaims(UUID sessionId, UUID playerId, String scope) {
		return claims("vanguard-session", playerId.toString(), scope).claim("sid", sessionId.toString())
			.claim("nickname", "player")
			.build();
	}

	private static JWTClaimsSet.Builder claims(String issuer, String subject, String scope) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer)
			.subject(subject)
			.claim("scope", scope)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
	}

	private static String sign(JWK key, JWTClaimsSet claims) {
		try {
			boolean ec = key instanceof ECKey;
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(ec ? new ECDSASigner((ECKey) key) : new RSASSASigner((RSAKey) key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey rsaKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey ecKey(String keyId) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String jwksBase() {
		return "http://127.0.0.1:" + JWKS_SERVER.getAddress().getPort();
	}

	private static HttpServer startJwksServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			serve(server, "/auth/jwks.json", AUTH_KEY);
			serve(server, "/session/jwks.json", SESSION_KEY, SESSION_RSA_KEY);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void serve(HttpServer server, String path, JWK... keys) {
		byte[] body = new JWKSet(List.of(keys).stream().map(JWK::toPublicJWK).toList()).toString()
			.getBytes(StandardCharsets.UTF_8);
		server.createContext(path, (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
	}

}
