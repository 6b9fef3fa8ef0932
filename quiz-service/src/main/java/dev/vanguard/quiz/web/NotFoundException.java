package dev.vanguard.quiz.web;

import org.springframework.http.HttpStatus;

/**
 * Nothing here for this caller. Also used for things that exist but that the caller may
 * not know about, so that a private quiz cannot be told apart from a missing one.
 */
public class NotFoundException extends ProblemException {

	public NotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", detail);
	}

}
