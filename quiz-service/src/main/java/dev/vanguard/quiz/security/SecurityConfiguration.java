package dev.vanguard.quiz.security;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.vanguard.quiz.web.ProblemTypes;
import dev.vanguard.quiz.web.ProblemWriter;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Every quiz endpoint needs a host token; uploaded images are public because players'
 * phones load them without one. Refusals are problem details like every other error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemWriter problems) throws Exception {
		AuthenticationEntryPoint entryPoint = new ProblemEntryPoint(problems);
		AccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/quizzes/images/*")
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator/**")
			.access(internalNetwork())
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
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
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

	/**
	 * 401 as a problem, with the plain {@code WWW-Authenticate} challenge of RFC 6750
	 * (Spring's own also advertises a resource metadata URL this service does not serve).
	 */
	private static final class ProblemEntryPoint implements AuthenticationEntryPoint {

		private final ProblemWriter problems;

		ProblemEntryPoint(ProblemWriter problems) {
			this.problems = problems;
		}

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) throws IOException {
			boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
					tokenSent
							? "The token is not a valid host access token (expired, not signed by auth-service, "
									+ "or not a host's)."
							: "A host access token is required (Authorization: Bearer <token>).");
		}

	}

	private static final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

		private final ProblemWriter problems;

		ProblemAccessDeniedHandler(ProblemWriter problems) {
			this.problems = problems;
		}

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
				throws IOException {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
			this.problems.write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
					"This token may not do that.");
		}

	}

	/**
	 * Metrics and info only for the internal network (loopback, private and unique-local
	 * addresses, as this service sees the caller after trusted proxies): health stays
	 * open for probes. The gateway does not route {@code /actuator} at all.
	 */
	static AuthorizationManager<RequestAuthorizationContext> internalNetwork() {
		return (authentication, context) -> new AuthorizationDecision(isInternal(context.getRequest().getRemoteAddr()));
	}

	static boolean isInternal(String address) {
		try {
			InetAddress ip = InetAddress.ofLiteral(address);
			return ip.isLoopbackAddress() || ip.isSiteLocalAddress()
					|| (ip instanceof Inet6Address && (ip.getAddress()[0] & 0xFE) == 0xFC);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return false;
		}
	}

}
