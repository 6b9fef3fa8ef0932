package dev.vanguard.session.host;

import java.util.UUID;

import dev.vanguard.support.ProblemException;

import org.springframework.security.oauth2.jwt.Jwt;

/** Reads the host out of a verified host access token. */
public final class Hosts {

	private Hosts() {
	}

	/** The host's user id: the token's subject. */
	public static UUID id(Jwt token) {
		try {
			return UUID.fromString(token.getSubject());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw ProblemException.unauthorized("The access token does not name a host.");
		}
	}

}
