package dev.vanguard.auth.signin;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import dev.vanguard.auth.AuthProperties;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/** The httpOnly cookie that carries the refresh token. */
@Component
class RefreshCookies {

	static final String NAME = "vanguard_refresh";

	// Not /api/auth/refresh alone: logout must read the cookie too, to revoke its
	// family. /api/auth is the narrowest path covering both; the browser still never
	// sends it to the other services.
	static final String PATH = "/api/auth";

	private final Duration maxAge;

	RefreshCookies(AuthProperties properties) {
		this.maxAge = properties.refreshTokenTtl();
	}

	String issue(String token, HttpServletRequest request) {
		return cookie(token, this.maxAge, request);
	}

	String clear(HttpServletRequest request) {
		return cookie("", Duration.ZERO, request);
	}

	// Secure when the client reached us over TLS (directly, or through a trusted proxy
	// saying X-Forwarded-Proto: https): plain-HTTP local runs still get a cookie.
	private static String cookie(String value, Duration maxAge, HttpServletRequest request) {
		return ResponseCookie.from(NAME, value)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Strict")
			.path(PATH)
			.maxAge(maxAge)
			.build()
			.toString();
	}

}
