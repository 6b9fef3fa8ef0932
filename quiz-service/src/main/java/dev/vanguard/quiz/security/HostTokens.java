package dev.vanguard.quiz.security;

import java.util.Collection;
import java.util.UUID;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What makes a token a host's access token: signed by auth-service (checked against its
 * JWKS), issued by {@code vanguard-auth}, in date, scoped {@code host}, and naming a user
 * id. A player token (issuer {@code vanguard-session}, scope {@code player}) fails here,
 * so it is a 401 like any other bad token.
 */
public final class HostTokens {

	public static final String ISSUER = "vanguard-auth";

	public static final String SCOPE = "host";

	private HostTokens() {
	}

	public static OAuth2TokenValidator<Jwt> validator() {
		return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER),
				new JwtClaimValidator<>("scope", HostTokens::hasHostScope),
				new JwtClaimValidator<>(JwtClaimNames.SUB, HostTokens::isUuid));
	}

	/** The signed-in host's user id. */
	public static UUID hostId(Jwt token) {
		return UUID.fromString(token.getSubject());
	}

	private static boolean hasHostScope(Object scope) {
		if (scope instanceof String scopes) {
			return java.util.Arrays.asList(scopes.split(" ")).contains(SCOPE);
		}
		return scope instanceof Collection<?> scopes && scopes.contains(SCOPE);
	}

	private static boolean isUuid(Object subject) {
		if (!(subject instanceof String text)) {
			return false;
		}
		try {
			UUID.fromString(text);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
