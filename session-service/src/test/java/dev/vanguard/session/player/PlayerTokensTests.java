package dev.vanguard.session.player;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PlayerTokensTests {

	@Test
	void signsWithES256WhenNoKeyIsConfigured() throws Exception {
		PlayerTokens tokens = new PlayerTokens(new PlayerTokenProperties(null, Duration.ofHours(12)));

		SignedJWT token = SignedJWT.parse(tokens.issue(UUID.randomUUID(), UUID.randomUUID(), "Ada"));

		assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		ECKey published = (ECKey) tokens.publicKeys().getKeyByKeyId(token.getHeader().getKeyID());
		assertThat(published.isPrivate()).isFalse();
		assertThat(token.verify(new ECDSAVerifier(published))).isTrue();
	}

	@Test
	void worksOutThePublicPointOfAConfiguredP256KeyThatDoesNotCarryIt() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		PlayerTokens tokens = new PlayerTokens(new PlayerTokenProperties(pem(pair), Duration.ofHours(12)));

		ECKey published = (ECKey) tokens.publicKeys().getKeys().getFirst();
		assertThat(published.toECPublicKey().getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
		SignedJWT token = SignedJWT.parse(tokens.issue(UUID.randomUUID(), UUID.randomUUID(), "Ada"));
		assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(token.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic()))).isTrue();
	}

	@Test
	void keepsSigningWithRS256WithAConfiguredRsaKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		PlayerTokens tokens = new PlayerTokens(
				new PlayerTokenProperties(pem(generator.generateKeyPair()), Duration.ofHours(12)));

		SignedJWT token = SignedJWT.parse(tokens.issue(UUID.randomUUID(), UUID.randomUUID(), "Ada"));

		assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		JWK published = tokens.publicKeys().getKeyByKeyId(token.getHeader().getKeyID());
		assertThat(token.verify(new RSASSAVerifier((RSAKey) published))).isTrue();
	}

	@Test
	void refusesAKeyOnAnotherCurve() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		String pem = pem(generator.generateKeyPair());

		assertThatIllegalStateException()
			.isThrownBy(() -> new PlayerTokens(new PlayerTokenProperties(pem, Duration.ofHours(12))));
	}

	private static String pem(KeyPair pair) {
		return "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
	}

}
