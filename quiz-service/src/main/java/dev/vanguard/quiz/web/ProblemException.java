package dev.vanguard.quiz.web;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A refusal that the client can act on. Each feature throws its own subclass with a clear
 * message; {@link ProblemHandler} turns them all into RFC 9457 problem details.
 */
public abstract class ProblemException extends RuntimeException {

	private final HttpStatus status;

	private final URI type;

	private final String title;

	protected ProblemException(HttpStatus status, URI type, String title, String detail) {
		super(detail);
		this.status = status;
		this.type = type;
		this.title = title;
	}

	public HttpStatus status() {
		return this.status;
	}

	/** Extra members of the problem object, such as the field errors. */
	protected Map<String, Object> properties() {
		return Map.of();
	}

	public ProblemDetail toProblemDetail() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, getMessage());
		problem.setType(this.type);
		problem.setTitle(this.title);
		properties().forEach(problem::setProperty);
		return problem;
	}

}
