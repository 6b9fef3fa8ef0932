package dev.vanguard.auth.token;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.converter.RsaKeyConverters;

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
		RSAPrivateKey key = read(RsaKeyConverters.pkcs8(), text, "vanguard.auth.signing-key");
		if (key instanceof RSAPrivateCrtKey crtKey) {
			return crtKey;
		}
		throw new IllegalStateException("vanguard.auth.signing-key must be a complete RSA private key");
	}

	private static RSAPublicKey parsePublicKey(String pem) {
		return read(RsaKeyConverters.x509(), unescapeNewlines(pem), "vanguard.auth.previous-public-keys");
	}

	/** Spring Security's PEM reading, with the property named when the text is no key. */
	private static <K> K read(Converter<InputStream, K> converter, String pem, String property) {
		try {
			return converter.convert(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(property + " is not a PEM RSA key: " + ex.getMessage(), ex);
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

	// Environment variables and .env files often carry PEM on one line with literal \n;
	// the converters want the header on the first line.
	private static String unescapeNewlines(String pem) {
		return pem.replace("\\n", "\n").strip();
	}

}
