package dev.vanguard.auth.token;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeysTests {

	@Test
	void readsAPkcs8PemKeyWithAStableThumbprintKeyId() throws Exception {
		KeyPair pair = rsa(2048);
		String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());

		SigningKeys once = SigningKeys.fromPem(pem, List.of());
		SigningKeys again = SigningKeys.fromPem(pem, List.of());

		String thumbprint = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).build().computeThumbprint().toString();
		assertThat(once.signingKeyId()).isEqualTo(thumbprint).isEqualTo(again.signingKeyId());
		assertThat(once.signingKey().isPrivate()).isTrue();
		assertThat(once.publicKeys().getKeys()).singleElement().satisfies((key) -> {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.toRSAKey().toRSAPublicKey()).isEqualTo(pair.getPublic());
		});
	}

	@Test
	void acceptsPemWithEscapedNewlinesFromEnvironmentFiles() throws Exception {
		String pem = pem("PRIVATE KEY", rsa(2048).getPrivate().getEncoded());

		SigningKeys keys = SigningKeys.fromPem(pem.replace("\n", "\\n"), List.of());

		assertThat(keys.signingKeyId()).isEqualTo(SigningKeys.fromPem(pem, List.of()).signingKeyId());
	}

	@Test
	void publishesPreviousKeysForRotation() throws Exception {
		KeyPair current = rsa(2048);
		KeyPair previous = rsa(2048);

		SigningKeys keys = SigningKeys.fromPem(pem("PRIVATE KEY", current.getPrivate().getEncoded()),
				List.of(pem("PUBLIC KEY", previous.getPublic().getEncoded())));

		assertThat(keys.publicKeys().getKeys()).hasSize(2).noneMatch(JWK::isPrivate);
		assertThat(keys.publicKeys().getKeys().get(0).getKeyID()).isEqualTo(keys.signingKeyId());
	}

	@Test
	void refusesPkcs1KeysSayingHowToConvert() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeys
				.fromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", List.of()))
			.withMessageContaining("openssl pkcs8 -topk8");
	}

	@Test
	void refusesTextThatIsNotAKey() {
		assertThatIllegalStateException().isThrownBy(() -> SigningKeys.fromPem("secret", List.of()))
			.withMessageContaining("BEGIN PRIVATE KEY");
		assertThatIllegalStateException().isThrownBy(
				() -> SigningKeys.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", List.of()));
	}

	@Test
	void refusesKeysShorterThan2048Bits() throws Exception {
		String pem = pem("PRIVATE KEY", rsa(1024).getPrivate().getEncoded());

		assertThatIllegalStateException().isThrownBy(() -> SigningKeys.fromPem(pem, List.of()))
			.withMessageContaining("2048");
	}

	@Test
	void generatesAFreshKeyWhenNoneIsConfigured() {
		SigningKeys generated = SigningKeys.generate();

		assertThat(generated.signingKey().isPrivate()).isTrue();
		assertThat(generated.signingKey().size()).isEqualTo(2048);
		assertThat(generated.signingKeyId()).isNotEqualTo(SigningKeys.generate().signingKeyId());
	}

	private static KeyPair rsa(int bits) throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(bits);
		return generator.generateKeyPair();
	}

	private static String pem(String label, byte[] der) {
		return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + label + "-----\n";
	}

}
