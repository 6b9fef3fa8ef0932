package dev.vanguard.quiz.library;

import java.util.UUID;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/** No such quiz, or a private one of someone else: the two are deliberately the same. */
class QuizNotFoundException extends ProblemException {

	QuizNotFoundException(UUID id) {
		super(ProblemType.NOT_FOUND, "Not found", "There is no quiz " + id + " that you can see.");
	}

}
