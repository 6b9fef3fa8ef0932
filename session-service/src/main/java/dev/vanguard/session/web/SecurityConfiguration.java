package dev.vanguard.session.web;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

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

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper jsonMapper) {
		AuthenticationEntryPoint entryPoint = problemEntryPoint(jsonMapper);
		AccessDeniedHandler deniedHandler = problemAccessDeniedHandler(jsonMapper);
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(PUBLIC)
				.permitAll()
				.requestMatchers(PATHS.matcher("/actuator/**"))
				.access(internalNetwork())
				.anyRequest()
				.hasAuthority("SCOPE_host"))
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults())
				.bearerTokenResolver(bearerTokenResolver())
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler))
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler));
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

	private static AuthenticationEntryPoint problemEntryPoint(JsonMapper jsonMapper) {
		BearerTokenAuthenticationEntryPoint headers = new BearerTokenAuthenticationEntryPoint();
		return (request, response, ex) -> {
			headers.commence(request, response, ex);
			write(jsonMapper, response, HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, "Unauthorized",
					"A valid host access token is required.");
		};
	}

	private static AccessDeniedHandler problemAccessDeniedHandler(JsonMapper jsonMapper) {
		BearerTokenAccessDeniedHandler headers = new BearerTokenAccessDeniedHandler();
		return (request, response, ex) -> {
			headers.handle(request, response, ex);
			write(jsonMapper, response, HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
					"This token does not allow this request.");
		};
	}

	private static void write(JsonMapper jsonMapper, HttpServletResponse response, HttpStatus status, URI type,
			String title, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type.toString());
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		jsonMapper.writeValue(response.getOutputStream(), problem);
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
