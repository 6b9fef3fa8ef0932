package dev.vanguard.auth.signin;

import java.time.Duration;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

import org.springframework.http.HttpHeaders;

/** Too many failed sign-ins for this account or from this address. */
class LoginThrottledException extends ProblemException {

	LoginThrottledException(Duration retryAfter) {
		super(ProblemType.TOO_MANY_ATTEMPTS, "Too many sign-in attempts",
				"Too many failed sign-ins; try again in " + retryAfter.toSeconds() + " seconds.");
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
	}

}
