package dev.vanguard.session.player;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Issues the player tokens that open a player's socket on realtime-service: RS256, issuer
 * {@value #ISSUER}, subject the player id, {@code sid} the session id, scope
 * {@code player}. realtime-service verifies them with the keys published at
 * {@code /api/sessions/.well-known/jwks.json}. With the same key it signs the grants that
 * let quiz-service hand session-service a quiz's answer key ({@link #answerKeyGrant}).
 */
@Component
public class PlayerTokens {

	public static final String ISSUER = "vanguard-session";

	public static final String ANSWER_KEY_AUDIENCE = "quiz-service";

	public static final String ANSWER_KEY_SCOPE = "quiz-key";

	private static final Logger log = LoggerFactory.getLogger(PlayerTokens.class);

	private final RSAKey key;

	private final RSASSASigner signer;

	private final PlayerTokenProperties properties;

	private final Clock clock;

	PlayerTokens(PlayerTokenProperties properties) {
		this.properties = properties;
		this.clock = Clock.systemUTC();
		this.key = StringUtils.hasText(properties.signingKey()) ? fromPem(properties.signingKey()) : generate();
		try {
			this.signer = new RSASSASigner(this.key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign with the player token key", ex);
		}
	}

	public String issue(UUID sessionId, UUID playerId, String nickname) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(playerId.toString())
			.claim("sid", sessionId.toString())
			.claim("scope", "player")
			.claim("nickname", nickname)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.properties.lifetime())))
			.build();
		return sign(claims);
	}

	/**
	 * A one-minute grant, audience {@value #ANSWER_KEY_AUDIENCE}, scope
	 * {@value #ANSWER_KEY_SCOPE}: session-service, opening a session of quiz
	 * {@code quizId} for host {@code hostId}, may read the quiz with its answers even
	 * when another host owns it. quiz-service checks it beside the host's own token.
	 */
	public String answerKeyGrant(UUID hostId, UUID quizId) {
		Instant now = this.clock.instant();
		return sign(new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(ANSWER_KEY_AUDIENCE)
			.subject(hostId.toString())
			.claim("quiz", quizId.toString())
			.claim("scope", ANSWER_KEY_SCOPE)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(1))))
			.build());
	}

	private String sign(JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a token", ex);
		}
		return jwt.serialize();
	}

	/** The public half of the signing key, as a JWK set. */
	public JWKSet publicKeys() {
		return new JWKSet(this.key.toPublicJWK());
	}

	private static RSAKey generate() {
		log.warn("No vanguard.session.player-token.signing-key configured: generated a key for this instance only. "
				+ "A restart of this instance voids every player's token, and several instances must share one "
				+ "configured key, or their player tokens will not verify against each other's JWKS.");
		try {
			return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint(true)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a player token key", ex);
		}
	}

	private static RSAKey fromPem(String pem) {
		try {
			RSAPrivateKey key = RsaKeyConverters.pkcs8()
				.convert(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) key;
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint()
				.build();
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException ex) {
			throw new IllegalStateException(
					"vanguard.session.player-token.signing-key is not a PKCS#8 PEM RSA private key", ex);
		}
	}

}
