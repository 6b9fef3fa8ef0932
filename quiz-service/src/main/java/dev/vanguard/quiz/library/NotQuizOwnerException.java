package dev.vanguard.quiz.library;

import java.util.UUID;

import dev.vanguard.quiz.web.ProblemException;
import dev.vanguard.quiz.web.ProblemTypes;

import org.springframework.http.HttpStatus;

/** A public quiz can be read and copied by any host, but changed only by its owner. */
class NotQuizOwnerException extends ProblemException {

	NotQuizOwnerException(UUID id) {
		super(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
				"Quiz " + id + " belongs to another host; copy it to change your own version.");
	}

}
