package dev.vanguard.quiz.library;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/** An edit based on an old version: refused whole, never merged. */
class QuizVersionConflictException extends ProblemException {

	QuizVersionConflictException(long sentVersion, long currentVersion) {
		super(ProblemType.VERSION_CONFLICT, "Version conflict",
				"The quiz was changed since you loaded it (you sent version " + sentVersion + ", it is now at version "
						+ currentVersion + "); reload it and apply your changes again. Nothing was saved.");
		with("currentVersion", currentVersion);
	}

}
