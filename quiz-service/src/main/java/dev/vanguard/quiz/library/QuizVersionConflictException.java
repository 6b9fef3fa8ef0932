package dev.vanguard.quiz.library;

import java.util.Map;

import dev.vanguard.quiz.web.ProblemException;
import dev.vanguard.quiz.web.ProblemTypes;

import org.springframework.http.HttpStatus;

/** An edit based on an old version: refused whole, never merged. */
class QuizVersionConflictException extends ProblemException {

	private final long currentVersion;

	QuizVersionConflictException(long sentVersion, long currentVersion) {
		super(HttpStatus.CONFLICT, ProblemTypes.VERSION_CONFLICT, "Version conflict",
				"The quiz was changed since you loaded it (you sent version " + sentVersion + ", it is now at version "
						+ currentVersion + "); reload it and apply your changes again. Nothing was saved.");
		this.currentVersion = currentVersion;
	}

	@Override
	protected Map<String, Object> properties() {
		return Map.of("currentVersion", this.currentVersion);
	}

}
