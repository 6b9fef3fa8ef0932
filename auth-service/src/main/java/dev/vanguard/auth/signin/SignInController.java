package dev.vanguard.auth.signin;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "sign-in", description = "Access tokens and the refresh cookie")
class SignInController {

	private final SignInService signIn;

	private final RefreshCookies cookies;

	private final CrossSiteRequestGuard crossSite;

	SignInController(SignInService signIn, RefreshCookies cookies, CrossSiteRequestGuard crossSite) {
		this.signIn = signIn;
		this.cookies = cookies;
		this.crossSite = crossSite;
	}

	@PostMapping("/login")
	@Operation(summary = "Sign in",
			description = "Returns a short-lived access token and sets the httpOnly refresh cookie "
					+ RefreshCookies.NAME + " (path " + RefreshCookies.PATH + ", SameSite=Strict).")
	@ApiResponse(responseCode = "200", description = "Signed in")
	@ApiResponse(responseCode = "400", description = "Missing or oversized fields, or malformed JSON")
	@ApiResponse(responseCode = "401",
			description = "Wrong e-mail or password (type .../bad-credentials; the same body for both)")
	@ApiResponse(responseCode = "429",
			description = "Too many failed sign-ins for the account or from the address; see Retry-After")
	ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
		// The remote address is the client's as reported by a trusted proxy
		// (server.forward-headers-strategy=native), not whatever X-Forwarded-For says.
		SignInService.SignedIn signedIn = this.signIn.login(body.email(), body.password(), request.getRemoteAddr());
		return withCookie(signedIn, request);
	}

	@PostMapping("/refresh")
	@Operation(summary = "Exchange the refresh cookie for a new access token",
			description = "Rotates the refresh cookie. Replaying an already rotated token revokes every token of "
					+ "that sign-in. Refuses cross-site requests.")
	@Parameter(name = RefreshCookies.NAME, in = ParameterIn.COOKIE, description = "The refresh token")
	@ApiResponse(responseCode = "200", description = "New access token; the cookie is rotated")
	@ApiResponse(responseCode = "401",
			description = "Missing, unknown, expired, revoked or replayed refresh token (type .../invalid-refresh-token)")
	@ApiResponse(responseCode = "403", description = "Cross-site request (type .../cross-site-request)")
	ResponseEntity<TokenResponse> refresh(
			@Parameter(hidden = true) @CookieValue(name = RefreshCookies.NAME, required = false) String token,
			HttpServletRequest request) {
		if (!this.crossSite.allows(request)) {
			throw this.signIn.crossSiteRefreshRefused();
		}
		try {
			return withCookie(this.signIn.refresh(token), request);
		}
		catch (RefreshTokenRejectedException ex) {
			// A dead token is of no further use to the browser.
			ex.getHeaders().add(HttpHeaders.SET_COOKIE, this.cookies.clear(request));
			throw ex;
		}
	}

	@PostMapping("/logout")
	@Operation(summary = "Sign out",
			description = "Revokes every refresh token of this sign-in and clears the cookie. Access tokens "
					+ "already issued stay valid until they expire (minutes).")
	@Parameter(name = RefreshCookies.NAME, in = ParameterIn.COOKIE, description = "The refresh token")
	@ApiResponse(responseCode = "204", description = "Signed out (also when there was nothing to revoke)")
	@ApiResponse(responseCode = "403", description = "Cross-site request (type .../cross-site-request)")
	ResponseEntity<Void> logout(
			@Parameter(hidden = true) @CookieValue(name = RefreshCookies.NAME, required = false) String token,
			HttpServletRequest request) {
		refuseCrossSite(request);
		this.signIn.logout(token);
		return signedOut(request);
	}

	@PostMapping("/logout-all")
	@Operation(summary = "Sign out everywhere",
			description = "Revokes every refresh token of the signed-in host, on every device and browser, and "
					+ "clears this browser's cookie: each other sign-in is refused at its next refresh. Access "
					+ "tokens already issued stay valid until they expire (at most 15 minutes). Refuses "
					+ "cross-site requests.",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "204", description = "Every sign-in of the host is revoked")
	@ApiResponse(responseCode = "401",
			description = "No, an invalid or an expired access token (type .../unauthorized)")
	@ApiResponse(responseCode = "403",
			description = "Cross-site request (type .../cross-site-request) or not a host token (.../forbidden)")
	ResponseEntity<Void> logoutEverywhere(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request) {
		refuseCrossSite(request);
		// The token is valid, so its subject is an account id we issued; a malformed one
		// would mean a forged signature, which the resource server has already refused.
		this.signIn.logoutEverywhere(UUID.fromString(jwt.getSubject()));
		return signedOut(request);
	}

	private void refuseCrossSite(HttpServletRequest request) {
		if (!this.crossSite.allows(request)) {
			throw new CrossSiteRequestException();
		}
	}

	/** 204, and this browser's refresh cookie cleared. */
	private ResponseEntity<Void> signedOut(HttpServletRequest request) {
		return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, this.cookies.clear(request)).build();
	}

	private ResponseEntity<TokenResponse> withCookie(SignInService.SignedIn signedIn, HttpServletRequest request) {
		return ResponseEntity.ok()
			.header(HttpHeaders.SET_COOKIE, this.cookies.issue(signedIn.refreshToken(), request))
			.body(TokenResponse.of(signedIn));
	}

}
