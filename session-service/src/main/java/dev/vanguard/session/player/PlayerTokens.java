package dev.vanguard.session.player;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Issues the player tokens that open a player's socket on realtime-service: issuer
 * {@value #ISSUER}, subject the player id, {@code sid} the session id, scope
 * {@code player}. realtime-service verifies them with the keys published at
 * {@code /api/sessions/.well-known/jwks.json}. With the same key it signs the grants that
 * let quiz-service hand session-service a quiz's answer key ({@link #answerKeyGrant}).
 *
 * <p>
 * The algorithm follows the key: ES256 with a P-256 key (what {@code ./vanguard up} makes
 * and what is generated when none is configured), RS256 with an RSA key (keys made
 * before). Every join signs a token, and under a join storm an RS256 signature (about 1
 * ms of CPU here) was a third of session-service's work; an ES256 one takes a tenth of
 * that, and realtime-service's check of it (about 0.3 ms, once per socket) still leaves
 * the pair ahead.
 */
@Component
public class PlayerTokens {

	public static final String ISSUER = "vanguard-session";

	public static final String ANSWER_KEY_AUDIENCE = "quiz-service";

	public static final String ANSWER_KEY_SCOPE = "quiz-key";

	private static final Logger log = LoggerFactory.getLogger(PlayerTokens.class);

	private final JWK key;

	private final JWSSigner signer;

	private final PlayerTokenProperties properties;

	private final Clock clock;

	PlayerTokens(PlayerTokenProperties properties) {
		this.properties = properties;
		this.clock = Clock.systemUTC();
		this.key = StringUtils.hasText(properties.signingKey()) ? fromPem(properties.signingKey()) : generate();
		try {
			this.signer = (this.key instanceof ECKey ec) ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) this.key);
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
				new JWSHeader.Builder((JWSAlgorithm) this.key.getAlgorithm()).keyID(this.key.getKeyID())
					.type(JOSEObjectType.JWT)
					.build(),
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

	private static JWK generate() {
		log.warn("No vanguard.session.player-token.signing-key configured: generated a key for this instance only. "
				+ "A restart of this instance voids every player's token, and several instances must share one "
				+ "configured key, or their player tokens will not verify against each other's JWKS.");
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			return ecKey((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
		}
		catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException | JOSEException ex) {
			throw new IllegalStateException("Cannot generate a player token key", ex);
		}
	}

	/** A PKCS#8 PEM private key, RSA or EC on P-256, with its public half worked out. */
	static JWK fromPem(String pem) {
		try {
			byte[] der = Base64.getMimeDecoder()
				.decode(pem.strip()
					.replace("-----BEGIN PRIVATE KEY-----", "")
					.replace("-----END PRIVATE KEY-----", ""));
			PrivateKey key = pkcs8(der);
			if (key instanceof ECPrivateKey ec) {
				if (!P256.is(ec.getParams())) {
					throw new IllegalArgumentException("The EC key is not on P-256");
				}
				ECPublicKey publicKey = (ECPublicKey) KeyFactory.getInstance("EC")
					.generatePublic(new ECPublicKeySpec(P256.multiply(ec.getS()), ec.getParams()));
				return ecKey(publicKey, ec);
			}
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
					"vanguard.session.player-token.signing-key is not a PKCS#8 PEM private key, "
							+ "EC on P-256 or RSA",
					ex);
		}
	}

	private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
		try {
			return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (GeneralSecurityException ex) {
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
	}

	private static ECKey ecKey(ECPublicKey publicKey, ECPrivateKey privateKey) throws JOSEException {
		return new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.ES256)
			.keyIDFromThumbprint()
			.build();
	}

	/**
	 * The public point of a P-256 private key, d × G: a PKCS#8 file need not carry it
	 * (the JDK's do not) and the JDK has no way to derive it. Done once, at start-up, so
	 * the textbook double-and-add in affine coordinates is enough.
	 */
	static final class P256 {

		private static final BigInteger P = new BigInteger(
				"ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);

		private static final BigInteger A = P.subtract(BigInteger.valueOf(3));

		private static final ECPoint G = new ECPoint(
				new BigInteger("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16),
				new BigInteger("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16));

		private P256() {
		}

		static boolean is(ECParameterSpec params) {
			return params.getCurve().getField().getFieldSize() == 256 && params.getGenerator().equals(G);
		}

		static ECPoint multiply(BigInteger scalar) {
			ECPoint result = ECPoint.POINT_INFINITY;
			for (int bit = scalar.bitLength() - 1; bit >= 0; bit--) {
				result = add(result, result);
				if (scalar.testBit(bit)) {
					result = add(result, G);
				}
			}
			return result;
		}

		private static ECPoint add(ECPoint p, ECPoint q) {
			if (p.equals(ECPoint.POINT_INFINITY)) {
				return q;
			}
			if (q.equals(ECPoint.POINT_INFINITY)) {
				return p;
			}
			BigInteger slope;
			if (p.getAffineX().equals(q.getAffineX())) {
				if (!p.getAffineY().equals(q.getAffineY()) || p.getAffineY().signum() == 0) {
					return ECPoint.POINT_INFINITY;
				}
				slope = p.getAffineX()
					.pow(2)
					.multiply(BigInteger.valueOf(3))
					.add(A)
					.multiply(p.getAffineY().shiftLeft(1).modInverse(P))
					.mod(P);
			}
			else {
				slope = q.getAffineY()
					.subtract(p.getAffineY())
					.multiply(q.getAffineX().subtract(p.getAffineX()).modInverse(P))
					.mod(P);
			}
			BigInteger x = slope.pow(2).subtract(p.getAffineX()).subtract(q.getAffineX()).mod(P);
			BigInteger y = slope.multiply(p.getAffineX().subtract(x)).subtract(p.getAffineY()).mod(P);
			return new ECPoint(x, y);
		}

	}

}
