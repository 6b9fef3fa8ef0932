package dev.vanguard.quiz.security;

import dev.vanguard.support.InternalNetwork;
import dev.vanguard.support.ProblemSecurityHandlers;

import org.springframework.beans.factory.annotation.Qualifier;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Every quiz endpoint needs a host token; uploaded images are public because players'
 * phones load them without one. Refusals are problem details like every other error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) throws Exception {
		ProblemSecurityHandlers problems = new ProblemSecurityHandlers(resolver);
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/quizzes/images/*")
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator/**")
			.access(InternalNetwork.only())
			.requestMatchers("/api/quizzes/v3/api-docs", "/api/quizzes/v3/api-docs/**", "/api/quizzes/docs",
					"/api/quizzes/docs/**", "/api/quizzes/swagger-ui/**")
			.permitAll()
			.requestMatchers("/error")
			.permitAll()
			.requestMatchers("/api/quizzes", "/api/quizzes/**")
			.hasAuthority("SCOPE_" + HostTokens.SCOPE)
			.anyRequest()
			.denyAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable());
		return http.build();
	}

	@Bean
	JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.getJwt().getJwkSetUri())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setJwtValidator(HostTokens.validator());
		return decoder;
	}

}
