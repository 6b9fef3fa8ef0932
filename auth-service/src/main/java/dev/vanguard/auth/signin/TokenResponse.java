package dev.vanguard.auth.signin;

import dev.vanguard.auth.account.AccountView;

/**
 * A fresh access token and who it is for.
 *
 * @param accessToken the RS256 JWT to send as {@code Authorization: Bearer}
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 * @param user the signed-in host
 */
record TokenResponse(String accessToken, String tokenType, long expiresIn, AccountView user) {

	static TokenResponse of(SignInService.SignedIn signedIn) {
		return new TokenResponse(signedIn.accessToken().value(), "Bearer", signedIn.accessToken().ttl().toSeconds(),
				signedIn.account());
	}

}
