package dev.vanguard.auth.signin;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import dev.vanguard.auth.AuthProperties;

import org.springframework.stereotype.Component;

/**
 * Decides whether a request to a cookie endpoint may come from where it comes from. A
 * browser marks every request with {@code Sec-Fetch-Site} and, for a POST,
 * {@code Origin}; page scripts can forge neither. Same-origin (or user-initiated) is
 * fine; otherwise the origin must be one of ours. A request with neither header is not
 * from a browser, so it cannot be a cross-site forgery riding on the victim's cookie.
 */
@Component
class CrossSiteRequestGuard {

	private final Set<String> allowedOrigins;

	CrossSiteRequestGuard(AuthProperties properties) {
		this.allowedOrigins = properties.allowedOrigins()
			.stream()
			.map(CrossSiteRequestGuard::normalize)
			.collect(Collectors.toUnmodifiableSet());
	}

	boolean allows(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null && (site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none"))) {
			return true;
		}
		String origin = request.getHeader("Origin");
		if (origin != null) {
			return this.allowedOrigins.contains(normalize(origin));
		}
		return site == null;
	}

	private static String normalize(String origin) {
		String trimmed = origin.strip().toLowerCase(Locale.ROOT);
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

}
