package dev.vanguard.session.web;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vanguard.session.game.SessionStateException;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemHandling;
import dev.vanguard.support.ProblemType;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps every error of session-service to an RFC 9457 problem (see
 * {@link ProblemHandling}), the rules of the session's state, which the domain states
 * without HTTP, to their 409 problems, and a missing database connection to a 503.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemHandling {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/** What a 503 for want of a database connection asks the client to wait. */
	private static final Duration RETRY_AFTER_NO_CONNECTION = Duration.ofSeconds(1);

	@ExceptionHandler
	ResponseEntity<Object> handleSessionState(SessionStateException ex) {
		return respond(switch (ex.reason()) {
			case LOBBY_LOCKED -> new ProblemException(ProblemType.LOBBY_LOCKED, "Game locked", ex.getMessage());
			case INVALID_SESSION_STATE ->
				new ProblemException(ProblemType.INVALID_SESSION_STATE, "Not possible in this state", ex.getMessage());
		});
	}

	/**
	 * No database connection to be had: the pool stayed exhausted for its whole
	 * connection timeout (a join storm) or the database does not answer. Nothing was
	 * changed, so the client may simply try again shortly. (A pooled connection that
	 * broke is retried before this: DeadConnectionRetryConfiguration.)
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, CannotGetJdbcConnectionException.class })
	ResponseEntity<Object> handleNoConnection(Exception ex) {
		log.warn("No database connection: {}", ex.getMessage());
		return respond(new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "Service busy",
				"The service is busy; please try again in a moment.")
			.retryAfter(RETRY_AFTER_NO_CONNECTION));
	}

}
