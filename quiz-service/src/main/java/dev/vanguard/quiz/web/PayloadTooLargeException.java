package dev.vanguard.quiz.web;

import org.springframework.http.HttpStatus;

/** A request body or upload over its limit. */
public class PayloadTooLargeException extends ProblemException {

	public PayloadTooLargeException(String detail) {
		super(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", detail);
	}

}
