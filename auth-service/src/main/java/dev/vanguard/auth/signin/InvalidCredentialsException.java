package dev.vanguard.auth.signin;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * Wrong password or unknown e-mail: deliberately one answer for both, so the response
 * does not tell which e-mails have accounts.
 */
class InvalidCredentialsException extends ProblemException {

	InvalidCredentialsException() {
		super(ProblemType.BAD_CREDENTIALS, "Bad credentials", "The e-mail address or the password is wrong.");
	}

}
