package dev.vanguard.auth.signin;

import dev.vanguard.auth.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Wrong password or unknown e-mail: deliberately one answer for both, so the response
 * does not tell which e-mails have accounts.
 */
class InvalidCredentialsException extends ErrorResponseException {

	InvalidCredentialsException() {
		super(HttpStatus.UNAUTHORIZED, Problems.of(HttpStatus.UNAUTHORIZED, Problems.BAD_CREDENTIALS, "Bad credentials",
				"The e-mail address or the password is wrong."), null);
	}

}
