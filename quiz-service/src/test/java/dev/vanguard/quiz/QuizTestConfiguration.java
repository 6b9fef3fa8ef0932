package dev.vanguard.quiz;

import dev.vanguard.testsupport.PostgresTestConfiguration;
import dev.vanguard.testsupport.TestTokens;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A real PostgreSQL database for the test context, and the test JWKS in place of
 * auth-service's and session-service's.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(PostgresTestConfiguration.class)
public class QuizTestConfiguration {

	@Bean
	DynamicPropertyRegistrar testJwks() {
		return (registry) -> {
			registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens::authJwksUri);
			registry.add("vanguard.quiz.session-jwks-uri", TestTokens::sessionJwksUri);
		};
	}

}
