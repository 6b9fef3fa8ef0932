package dev.vanguard.auth.account;

import java.util.Map;

import dev.vanguard.auth.AuthProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring Security's delegating encoder ({@code {id}hash}), hashing new passwords with
 * Argon2id. Not the factory's bcrypt default: bcrypt reads only 72 bytes and Spring
 * Security refuses longer input, while we accept passwords of up to 128 characters.
 * Hashes in any format the factory knows still verify. At most a few hashes run at once
 * ({@link BoundedPasswordEncoder}).
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

	static final String ENCODING_ID = "argon2@SpringSecurity_v5_8";

	@Bean
	PasswordEncoder passwordEncoder(AuthProperties properties) {
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(ENCODING_ID,
				Map.of(ENCODING_ID, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
		encoder.setDefaultPasswordEncoderForMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
		return new BoundedPasswordEncoder(encoder, properties.hashing());
	}

}
