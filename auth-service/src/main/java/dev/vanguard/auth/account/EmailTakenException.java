package dev.vanguard.auth.account;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/** An account with this e-mail (ignoring case) already exists. */
class EmailTakenException extends ProblemException {

	EmailTakenException() {
		super(ProblemType.EMAIL_TAKEN, "E-mail already registered",
				"An account with this e-mail address already exists; sign in instead.");
	}

}
