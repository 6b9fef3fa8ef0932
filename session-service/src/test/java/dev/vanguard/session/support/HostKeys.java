package dev.vanguard.session.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Stands in for auth-service's signing key: host tokens for tests, and their JWKS. */
public final class HostKeys {

	private static final RSAKey KEY = generate();

	private HostKeys() {
	}

	/** A host access token as auth-service issues it. */
	public static String token(UUID hostId) {
		return sign(KEY, "vanguard-auth", hostId, "host");
	}

	public static String tokenWithIssuer(UUID hostId, String issuer) {
		return sign(KEY, issuer, hostId, "host");
	}

	public static String tokenWithScope(UUID hostId, String scope) {
		return sign(KEY, "vanguard-auth", hostId, scope);
	}

	/** Right claims, but signed by a key auth-service never published. */
	public static String tokenFromStrangeKey(UUID hostId) {
		return sign(generate(), "vanguard-auth", hostId, "host");
	}

	static String jwks() {
		return new JWKSet(KEY.toPublicJWK()).toString();
	}

	private static String sign(RSAKey key, String issuer, UUID hostId, String scope) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.subject(hostId.toString())
			.claim("scope", scope)
			.claim("email", hostId + "@example.test")
			.claim("name", "Host " + hostId.toString().substring(0, 8))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
