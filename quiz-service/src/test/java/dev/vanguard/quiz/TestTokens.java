package dev.vanguard.quiz;

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
 * Stands in for auth-service in tests: an RSA key whose public half is served as a JWKS
 * on a local port (so the service's real JWKS-based decoder is what checks tokens), and
 * tokens signed with it. Also mints the tokens that must be refused.
 */
public final class TestTokens {

	private static final String KEY_ID = "test-auth-key";

	private static final RSAKey AUTH_KEY = generate(KEY_ID);

	/**
	 * session-service's P-256 key (it signs ES256), served in the same JWKS: tests point
	 * both key set addresses here.
	 */
	private static final ECKey SESSION_KEY = generateEc("test-session-key");

	/** Someone else's key under the same key id: a forged token. */
	private static final RSAKey FOREIGN_KEY = generate(KEY_ID);

	private static HttpServer jwksServer;

	private TestTokens() {
	}

	public static synchronized String jwksUri() {
		if (jwksServer == null) {
			jwksServer = startJwksServer();
		}
		return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json";
	}

	/** A valid host access token, as auth-service issues them. */
	public static String host(UUID hostId) {
		return sign(AUTH_KEY, hostClaims(hostId).build());
	}

	/** A player token (session-service's kind), even signed with the trusted key. */
	public static String player(UUID playerId) {
		return sign(AUTH_KEY,
				new JWTClaimsSet.Builder().issuer("vanguard-session")
					.subject(playerId.toString())
					.claim("sid", UUID.randomUUID().toString())
					.claim("scope", "player")
					.claim("nickname", "Pip")
					.issueTime(new Date())
					.expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(15))))
					.build());
	}

	/**
	 * session-service's grant to read quiz {@code quizId} with its answers for
	 * {@code hostId}, changed by {@code change} (signed with a key of the test JWKS,
	 * which stands in for session-service's), ES256 as session-service signs it.
	 */
	public static String answerKeyGrant(UUID hostId, UUID quizId, UnaryOperator<JWTClaimsSet.Builder> change) {
		Instant now = Instant.now();
		return sign(SESSION_KEY,
				change
					.apply(new JWTClaimsSet.Builder().issuer("vanguard-session")
						.audience("quiz-service")
						.subject(hostId.toString())
						.claim("quiz", quizId.toString())
						.claim("scope", "quiz-key")
						.issueTime(Date.from(now))
						.expirationTime(Date.from(now.plus(Duration.ofMinutes(1)))))
					.build());
	}

	/** A grant signed with a key nobody publishes. */
	public static String forgedAnswerKeyGrant(UUID hostId, UUID quizId) {
		Instant now = Instant.now();
		return sign(FOREIGN_KEY,
				new JWTClaimsSet.Builder().issuer("vanguard-session")
					.audience("quiz-service")
					.subject(hostId.toString())
					.claim("quiz", quizId.toString())
					.claim("scope", "quiz-key")
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plus(Duration.ofMinutes(1))))
					.build());
	}

	/** Host claims signed with a key auth-service does not publish. */
	public static String forged(UUID hostId) {
		return sign(FOREIGN_KEY, hostClaims(hostId).build());
	}

	/** Host claims changed by {@code change}, signed with the trusted key. */
	public static String hostWith(UUID hostId, UnaryOperator<JWTClaimsSet.Builder> change) {
		return sign(AUTH_KEY, change.apply(hostClaims(hostId)).build());
	}

	private static JWTClaimsSet.Builder hostClaims(UUID hostId) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("vanguard-auth")
			.subject(hostId.toString())
			.claim("email", "host-" + hostId + "@example.com")
			.claim("name", "Test Host")
			.claim("scope", "host")
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

	private static RSAKey generate(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey generateEc(String keyId) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer startJwksServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] jwks = new JWKSet(List.of(AUTH_KEY.toPublicJWK(), SESSION_KEY.toPublicJWK())).toString()
				.getBytes(StandardCharsets.UTF_8);
			server.createContext("/.well-known/jwks.json", (exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(jwks);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
