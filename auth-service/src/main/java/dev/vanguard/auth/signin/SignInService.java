package dev.vanguard.auth.signin;

import java.util.UUID;

import dev.vanguard.auth.account.AccountService;
import dev.vanguard.auth.account.AccountView;
import dev.vanguard.auth.signin.RefreshTokenRejectedException.Reason;
import dev.vanguard.auth.token.AccessTokens;
import dev.vanguard.auth.token.AccessTokens.IssuedAccessToken;

import org.springframework.stereotype.Service;

/** Sign-in, token refresh and sign-out, with their throttling and metrics. */
@Service
class SignInService {

	private final AccountService accounts;

	private final LoginThrottle throttle;

	private final RefreshTokens refreshTokens;

	private final AccessTokens accessTokens;

	private final SignInMetrics metrics;

	SignInService(AccountService accounts, LoginThrottle throttle, RefreshTokens refreshTokens,
			AccessTokens accessTokens, SignInMetrics metrics) {
		this.accounts = accounts;
		this.throttle = throttle;
		this.refreshTokens = refreshTokens;
		this.accessTokens = accessTokens;
		this.metrics = metrics;
	}

	SignedIn login(String email, String password, String clientAddress) {
		String key = AccountService.normalizeEmail(email);
		try {
			this.throttle.check(key, clientAddress);
		}
		catch (LoginThrottledException ex) {
			this.metrics.login("rate_limited");
			throw ex;
		}
		AccountView account = this.accounts.authenticate(key, password).orElse(null);
		if (account == null) {
			this.throttle.recordFailure(key, clientAddress);
			this.metrics.login("bad_credentials");
			throw new InvalidCredentialsException();
		}
		this.metrics.login("success");
		return signedIn(account, this.refreshTokens.open(account.id()));
	}

	SignedIn refresh(String presentedToken) {
		try {
			RefreshTokens.Rotation rotation = this.refreshTokens.rotate(presentedToken);
			AccountView account = this.accounts.find(rotation.accountId())
				.orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
			this.metrics.refresh("success");
			return signedIn(account, rotation.refreshToken());
		}
		catch (RefreshTokenRejectedException ex) {
			this.metrics.refresh(ex.reason().outcome());
			throw ex;
		}
	}

	/** Counts a refused cross-site refresh and returns the refusal to throw. */
	CrossSiteRequestException crossSiteRefreshRefused() {
		this.metrics.refresh("cross_site");
		return new CrossSiteRequestException();
	}

	void logout(String presentedToken) {
		this.refreshTokens.revokeFamilyOf(presentedToken);
	}

	/** Ends every sign-in of the account; returns how many were still open. */
	int logoutEverywhere(UUID accountId) {
		return this.refreshTokens.revokeEveryFamilyOf(accountId);
	}

	private SignedIn signedIn(AccountView account, String refreshToken) {
		IssuedAccessToken accessToken = this.accessTokens
			.issue(new AccessTokens.Host(account.id(), account.email(), account.displayName()));
		return new SignedIn(account, accessToken, refreshToken);
	}

	/** What a successful sign-in or refresh hands to the client. */
	record SignedIn(AccountView account, IssuedAccessToken accessToken, String refreshToken) {
	}

}
