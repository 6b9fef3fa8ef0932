package dev.vanguard.auth.signin;

import java.time.Duration;

import dev.vanguard.auth.web.Problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Too many failed sign-ins for this account or from this address. */
class LoginThrottledException extends ErrorResponseException {

	LoginThrottledException(Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS,
				Problems.of(HttpStatus.TOO_MANY_REQUESTS, Problems.TOO_MANY_ATTEMPTS, "Too many sign-in attempts",
						"Too many failed sign-ins; try again in " + retryAfter.toSeconds() + " seconds."),
				null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
	}

}
