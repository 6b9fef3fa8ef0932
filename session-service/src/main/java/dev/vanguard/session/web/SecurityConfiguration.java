package dev.vanguard.session.web;

import dev.vanguard.support.BodyLimitFilter;
import dev.vanguard.support.InternalNetwork;
import dev.vanguard.support.ProblemSecurityHandlers;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may call what. Host endpoints need an access token from auth-service (issuer
 * {@code vanguard-auth}, scope {@code host}); a player token, signed by this service's
 * own key, fails that check and gets 401. Players reach only the PIN look-up and the
 * join, which need no token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String HOST_ISSUER = "vanguard-auth";

	private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

	/**
	 * Open to anyone; a stray Authorization header is ignored here rather than refused.
	 */
	private static final RequestMatcher PUBLIC = new OrRequestMatcher(PATHS.matcher("/actuator/health/**"),
			PATHS.matcher("/actuator/health"), PATHS.matcher("/api/sessions/.well-known/jwks.json"),
			PATHS.matcher(HttpMethod.GET, "/api/sessions/pin/*"),
			PATHS.matcher(HttpMethod.POST, "/api/sessions/pin/*/players"),
			PATHS.matcher("/api/sessions/v3/api-docs/**"), PATHS.matcher("/api/sessions/v3/api-docs"),
			PATHS.matcher("/api/sessions/docs/**"), PATHS.matcher("/api/sessions/docs"),
			PATHS.matcher("/api/sessions/swagger-ui/**"), PATHS.matcher("/swagger-ui/**"), PATHS.matcher("/error"));

	/** Every body this service takes is a small JSON document. */
	@Bean
	BodyLimitFilter bodyLimitFilter(@Value("${vanguard.session.max-body:64KB}") DataSize maxBody,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		return new BodyLimitFilter(maxBody, resolver);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		ProblemSecurityHandlers problems = new ProblemSecurityHandlers(resolver);
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(PUBLIC)
				.permitAll()
				.requestMatchers(PATHS.matcher("/actuator/**"))
				.access(InternalNetwork.only())
				.anyRequest()
				.hasAuthority("SCOPE_host"))
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults())
				.bearerTokenResolver(bearerTokenResolver())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	@Bean
	JwtDecoder hostTokenDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(HOST_ISSUER));
		return decoder;
	}

	private static BearerTokenResolver bearerTokenResolver() {
		DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
		return (request) -> PUBLIC.matches(request) ? null : resolver.resolve(request);
	}

}
