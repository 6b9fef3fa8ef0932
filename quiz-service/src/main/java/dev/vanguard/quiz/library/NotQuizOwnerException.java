package dev.vanguard.quiz.library;

import java.util.UUID;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/** A public quiz can be read and copied by any host, but changed only by its owner. */
class NotQuizOwnerException extends ProblemException {

	NotQuizOwnerException(UUID id) {
		super(ProblemType.FORBIDDEN, "Forbidden",
				"Quiz " + id + " belongs to another host; copy it to change your own version.");
	}

}
