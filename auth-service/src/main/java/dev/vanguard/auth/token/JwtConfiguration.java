package dev.vanguard.auth.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.vanguard.auth.AuthProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signing and verifying host access tokens with the configured key. The decoder checks
 * tokens against the same public keys the JWKS publishes, in process: no HTTP call to
 * ourselves.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

	private static final Log log = LogFactory.getLog(JwtConfiguration.class);

	@Bean
	SigningKeys signingKeys(AuthProperties properties) {
		if (properties.hasSigningKey()) {
			return SigningKeys.fromPem(properties.signingKey(), properties.previousPublicKeys());
		}
		SigningKeys generated = SigningKeys.generate();
		log.warn("No vanguard.auth.signing-key (VANGUARD_AUTH_SIGNING_KEY) is set: generated a throwaway RSA key "
				+ "with kid " + generated.signingKeyId() + ". Tokens die with this process and other instances "
				+ "will not accept them; set a PKCS#8 PEM key for anything but a local run.");
		return generated;
	}

	@Bean
	JwtEncoder jwtEncoder(SigningKeys keys) {
		// Only the signing key is offered, so the encoder never has to choose.
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signingKey())));
	}

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys.publicKeys()))
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(AccessTokens.ISSUER));
		return decoder;
	}

}
