package dev.vanguard.auth.token;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The RSA key that signs access tokens, plus the public keys that verify them. The key id
 * ({@code kid}) is the key's RFC 7638 thumbprint, so it is the same on every instance and
 * after every restart that use the same key, and a resource server that meets an unknown
 * {@code kid} knows to fetch the JWKS again.
 */
final class SigningKeys {

	static final int MIN_KEY_BITS = 2048;

	private final RSAKey signingKey;

	private final JWKSet publicKeys;

	private SigningKeys(RSAKey signingKey, List<RSAKey> previousKeys) {
		this.signingKey = signingKey;
		List<JWK> published = new ArrayList<>();
		published.add(signingKey.toPublicJWK());
		previousKeys.stream()
			.filter((key) -> !key.getKeyID().equals(signingKey.getKeyID()))
			.forEach((key) -> published.add(key.toPublicJWK()));
		this.publicKeys = new JWKSet(published);
	}

	/** Keys from configuration: a PKCS#8 PEM private key, X.509 PEM public keys. */
	static SigningKeys fromPem(String privateKeyPem, List<String> previousPublicKeyPems) {
		RSAPrivateCrtKey privateKey = parsePrivateKey(privateKeyPem);
		RSAPublicKey publicKey = publicKeyOf(privateKey);
		List<RSAKey> previous = previousPublicKeyPems.stream()
			.filter((pem) -> !pem.isBlank())
			.map(SigningKeys::parsePublicKey)
			.map((key) -> jwk(key, null))
			.toList();
		return new SigningKeys(jwk(publicKey, privateKey), previous);
	}

	/** A fresh key that lives as long as this process: for local runs only. */
	static SigningKeys generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(MIN_KEY_BITS);
			KeyPair pair = generator.generateKeyPair();
			return new SigningKeys(jwk((RSAPublicKey) pair.getPublic(), pair.getPrivate()), List.of());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate an RSA signing key", ex);
		}
	}

	/** The private signing key, for the encoder only. */
	RSAKey signingKey() {
		return this.signingKey;
	}

	String signingKeyId() {
		return this.signingKey.getKeyID();
	}

	/** Every public key a valid token may be signed with: what the JWKS publishes. */
	JWKSet publicKeys() {
		return this.publicKeys;
	}

	private static RSAKey jwk(RSAPublicKey publicKey, PrivateKey privateKey) {
		if (publicKey.getModulus().bitLength() < MIN_KEY_BITS) {
			throw new IllegalStateException("RSA signing keys must have at least " + MIN_KEY_BITS + " bits");
		}
		try {
			return new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint()
				.build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot compute the key id of an RSA key", ex);
		}
	}

	private static RSAPrivateCrtKey parsePrivateKey(String pem) {
		String text = unescapeNewlines(pem);
		if (text.contains("BEGIN RSA PRIVATE KEY")) {
			throw new IllegalStateException("vanguard.auth.signing-key is a PKCS#1 key; convert it to PKCS#8 with "
					+ "'openssl pkcs8 -topk8 -nocrypt -in key.pem'");
		}
		byte[] der = pemBody(text, "PRIVATE KEY", "vanguard.auth.signing-key");
		try {
			PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
			if (key instanceof RSAPrivateCrtKey crtKey) {
				return crtKey;
			}
			throw new IllegalStateException("vanguard.auth.signing-key must be a complete RSA private key");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("vanguard.auth.signing-key is not an RSA private key", ex);
		}
	}

	private static RSAPublicKey parsePublicKey(String pem) {
		byte[] der = pemBody(unescapeNewlines(pem), "PUBLIC KEY", "vanguard.auth.previous-public-keys");
		try {
			PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
			return (RSAPublicKey) key;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("vanguard.auth.previous-public-keys holds a key that is not RSA", ex);
		}
	}

	private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) {
		BigInteger modulus = privateKey.getModulus();
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(modulus, privateKey.getPublicExponent()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot derive the public key of the signing key", ex);
		}
	}

	private static byte[] pemBody(String pem, String label, String property) {
		String begin = "-----BEGIN " + label + "-----";
		String end = "-----END " + label + "-----";
		int from = pem.indexOf(begin);
		int to = pem.indexOf(end);
		if (from < 0 || to < from) {
			throw new IllegalStateException(property + " must be PEM text starting with '" + begin + "'");
		}
		String base64 = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(property + " is not valid PEM (bad base64)", ex);
		}
	}

	// Environment variables and .env files often carry PEM on one line with literal \n.
	private static String unescapeNewlines(String pem) {
		return pem.replace("\\n", "\n");
	}

}
