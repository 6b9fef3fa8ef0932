package dev.vanguard.auth.account;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/** A validly signed token names an account that does not exist (any more). */
class AccountGoneException extends ProblemException {

	AccountGoneException() {
		super(ProblemType.UNAUTHORIZED, "Unauthorized",
				"The account this token was issued for does not exist; sign in again.");
	}

}
