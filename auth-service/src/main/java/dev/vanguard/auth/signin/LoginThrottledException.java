package dev.vanguard.auth.signin;

import java.time.Duration;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/** Too many failed sign-ins for this account or from this address. */
class LoginThrottledException extends ProblemException {

	LoginThrottledException(Duration wait) {
		super(ProblemType.TOO_MANY_ATTEMPTS, "Too many sign-in attempts",
				"Too many failed sign-ins; try again in " + seconds(wait) + " seconds.");
		retryAfter(wait);
	}

}
