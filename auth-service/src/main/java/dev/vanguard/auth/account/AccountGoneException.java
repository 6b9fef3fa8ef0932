package dev.vanguard.auth.account;

import dev.vanguard.auth.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A validly signed token names an account that does not exist (any more). */
class AccountGoneException extends ErrorResponseException {

	AccountGoneException() {
		super(HttpStatus.UNAUTHORIZED, Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, "Unauthorized",
				"The account this token was issued for does not exist; sign in again."), null);
	}

}
