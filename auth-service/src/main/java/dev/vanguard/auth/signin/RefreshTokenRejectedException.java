package dev.vanguard.auth.signin;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/** The refresh cookie cannot be exchanged for a new token; the client must sign in. */
class RefreshTokenRejectedException extends ProblemException {

	private final Reason reason;

	RefreshTokenRejectedException(Reason reason) {
		super(ProblemType.INVALID_REFRESH_TOKEN, "Invalid refresh token", reason.detail);
		this.reason = reason;
	}

	Reason reason() {
		return this.reason;
	}

	enum Reason {

		MISSING("invalid", "No refresh token cookie was sent; sign in."),

		UNKNOWN("invalid", "The refresh token is not valid; sign in again."),

		REVOKED("revoked", "The refresh token has been revoked; sign in again."),

		REUSED("reused",
				"The refresh token was already used, so every token of this sign-in has been revoked; "
						+ "sign in again."),

		EXPIRED("expired", "The refresh token has expired; sign in again.");

		private final String outcome;

		private final String detail;

		Reason(String outcome, String detail) {
			this.outcome = outcome;
			this.detail = detail;
		}

		/** The {@code outcome} tag of {@code auth.token.refreshes}. */
		String outcome() {
			return this.outcome;
		}

	}

}
