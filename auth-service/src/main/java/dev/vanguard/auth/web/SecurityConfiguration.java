package dev.vanguard.auth.web;

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
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Stateless bearer-token security. {@code /api/auth/me} and {@code /api/auth/logout-all}
 * need a host access token, which this service validates itself with its own public keys
 * (see {@code token.JwtConfiguration}); the other sign-in endpoints are open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Every body this service takes is a small JSON document. */
	@Bean
	BodyLimitFilter bodyLimitFilter(@Value("${vanguard.auth.max-body:16KB}") DataSize maxBody,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		return new BodyLimitFilter(maxBody, resolver);
	}

	@Bean
	ProblemSecurityHandlers problemSecurityHandlers(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		return new ProblemSecurityHandlers(resolver);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemSecurityHandlers problems) {
		// CSRF tokens are off: the JSON API authenticates with bearer tokens, which a
		// browser never attaches by itself. The cookie endpoints (refresh, logout,
		// logout-all) refuse cross-site requests by Origin instead
		// (signin.CrossSiteRequestGuard),
		// and the cookie is SameSite=Strict on top.
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/.well-known/jwks.json")
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/**")
				.access(InternalNetwork.only())
				.requestMatchers("/api/auth/docs/**", "/api/auth/v3/api-docs/**", "/api/auth/swagger-ui/**")
				.permitAll()
				.requestMatchers("/error")
				.permitAll()
				.requestMatchers("/api/auth/me", "/api/auth/logout-all")
				.hasAuthority("SCOPE_host")
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

}
