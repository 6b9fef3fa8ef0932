package dev.vanguard.auth.account;

import dev.vanguard.auth.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** An account with this e-mail (ignoring case) already exists. */
class EmailTakenException extends ErrorResponseException {

	EmailTakenException() {
		super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, Problems.EMAIL_TAKEN, "E-mail already registered",
				"An account with this e-mail address already exists; sign in instead."), null);
	}

}
