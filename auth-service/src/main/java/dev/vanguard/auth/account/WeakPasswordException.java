package dev.vanguard.auth.account;

import java.util.List;

import dev.vanguard.auth.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The password breaks a rule of {@link PasswordPolicy}. */
class WeakPasswordException extends ErrorResponseException {

	WeakPasswordException(String rule) {
		super(HttpStatus.BAD_REQUEST, Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, Problems.WEAK_PASSWORD,
				"Weak password", "The password " + rule + "."), List.of(new Problems.InvalidField("password", rule))),
				null);
	}

}
