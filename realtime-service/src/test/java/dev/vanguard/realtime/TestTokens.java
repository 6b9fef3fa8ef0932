package dev.vanguard.realtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for auth-service's and session-service's key sets: auth-service's RSA key,
 * session-service's P-256 key (ES256) beside an RSA one (RS256, as keys made before
 * signed), their JWKS served over HTTP on a random port (so the real decoders fetch them
 * as in production), and tokens signed with them. One per JVM.
 */
final class TestTokens {

	private static final TestTokens INSTANCE = new TestTokens();

	private final RSAKey hostKey = key("host-key");

	private final ECKey sessionKey = ecKey("session-key");

	private final RSAKey sessionRsaKey = key("session-rsa-key");

	private final RSAKey strangerKey = key("host-key");

	private final HttpServer server;

	private TestTokens() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		serve("/auth/jwks.json", this.hostKey);
		serve("/session/jwks.json", this.sessionKey, this.sessionRsaKey);
		this.server.start();
	}

	static TestTokens get() {
		return INSTANCE;
	}

	String authJwksUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/auth/jwks.json";
	}

	String sessionJwksUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/session/jwks.json";
	}

	String host(UUID hostId) {
		return sign(this.hostKey,
				claims("vanguard-auth", hostId.toString(), "host").claim("email", "host@example.com")
					.claim("name", "Host")
					.build());
	}

	String player(UUID sessionId, UUID playerId) {
		return sign(this.sessionKey,
				claims("vanguard-session", playerId.toString(), "player").claim("sid", sessionId.toString())
					.claim("nickname", "player")
					.build());
	}

	/** A player token signed RS256, as session-service signs with an RSA key. */
	String playerSignedWithRsa(UUID sessionId, UUID playerId) {
		return sign(this.sessionRsaKey,
				claims("vanguard-session", playerId.toString(), "player").claim("sid", sessionId.toString())
					.claim("nickname", "player")
					.build());
	}

	String expiredHost(UUID hostId) {
		return sign(this.hostKey,
				new JWTClaimsSet.Builder().issuer("vanguard-auth")
					.subject(hostId.toString())
					.claim("scope", "host")
					.issueTime(Date.from(Instant.now().minusSeconds(3600)))
					.expirationTime(Date.from(Instant.now().minusSeconds(1800)))
					.build());
	}

	/** A host token signed with a key auth-service never published. */
	String forgedHost(UUID hostId) {
		return sign(this.strangerKey, claims("vanguard-auth", hostId.toString(), "host").build());
	}

	/** A player token whose scope is not {@code player}. */
	String playerWithScope(UUID sessionId, UUID playerId, String scope) {
		return sign(this.sessionKey,
				claims("vanguard-session", playerId.toString(), scope).claim("sid", sessionId.toString()).build());
	}

	private static JWTClaimsSet.Builder claims(String issuer, String subject, String scope) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer)
			.subject(subject)
			.claim("scope", scope)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(900)));
	}

	private static String sign(JWK key, JWTClaimsSet claims) {
		try {
			boolean ec = key instanceof ECKey;
			JWSSigner signer = ec ? new ECDSASigner((ECKey) key) : new RSASSASigner((RSAKey) key);
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void serve(String path, JWK... keys) {
		byte[] body = new JWKSet(List.of(keys).stream().map(JWK::toPublicJWK).toList()).toString()
			.getBytes(StandardCharsets.UTF_8);
		this.server.createContext(path, (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
	}

	private static ECKey ecKey(String id) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
				.privateKey((ECPrivateKey) pair.getPrivate())
				.keyID(id)
				.build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey key(String id) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(id)
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
