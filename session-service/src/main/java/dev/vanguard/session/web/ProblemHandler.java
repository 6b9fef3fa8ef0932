package dev.vanguard.session.web;

import dev.vanguard.session.game.SessionStateException;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemHandling;
import dev.vanguard.support.ProblemType;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps every error of session-service to an RFC 9457 problem (see
 * {@link ProblemHandling}), and the rules of the session's state, which the domain states
 * without HTTP, to their 409 problems.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemHandling {

	@ExceptionHandler
	ResponseEntity<Object> handleSessionState(SessionStateException ex) {
		return respond(switch (ex.reason()) {
			case LOBBY_LOCKED -> new ProblemException(ProblemType.LOBBY_LOCKED, "Game locked", ex.getMessage());
			case INVALID_SESSION_STATE ->
				new ProblemException(ProblemType.INVALID_SESSION_STATE, "Not possible in this state", ex.getMessage());
		});
	}

}
