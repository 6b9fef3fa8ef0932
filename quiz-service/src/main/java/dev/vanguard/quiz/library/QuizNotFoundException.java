package dev.vanguard.quiz.library;

import java.util.UUID;

import dev.vanguard.quiz.web.NotFoundException;

/** No such quiz, or a private one of someone else: the two are deliberately the same. */
class QuizNotFoundException extends NotFoundException {

	QuizNotFoundException(UUID id) {
		super("There is no quiz " + id + " that you can see.");
	}

}
