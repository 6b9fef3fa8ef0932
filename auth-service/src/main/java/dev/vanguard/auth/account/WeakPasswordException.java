package dev.vanguard.auth.account;

import java.util.List;

import dev.vanguard.support.InvalidField;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/** The password breaks a rule of {@link PasswordPolicy}. */
class WeakPasswordException extends ProblemException {

	WeakPasswordException(String rule) {
		super(ProblemType.WEAK_PASSWORD, "Weak password", "The password " + rule + ".");
		with("errors", List.of(new InvalidField("password", rule)));
	}

}
