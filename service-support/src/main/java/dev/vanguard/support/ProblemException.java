package dev.vanguard.support;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal the client can act on, as Spring's own {@link ErrorResponseException}: its
 * problem has a type from the catalogue and the status that type has, and Spring MVC (or
 * {@link ProblemHandling}) writes it. A feature throws its own subclass where the refusal
 * is a concept of its own, or this class with a type from {@link ProblemType}.
 */
public class ProblemException extends ErrorResponseException {

	public ProblemException(ProblemType type, String title, String detail) {
		super(type.status(), problem(type, title, detail), null);
	}

	private static ProblemDetail problem(ProblemType type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
		problem.setType(type.uri());
		problem.setTitle(title);
		return problem;
	}

	/** A {@link ProblemType#NOT_FOUND} problem. */
	public static ProblemException notFound(String detail) {
		return new ProblemException(ProblemType.NOT_FOUND, "Not found", detail);
	}

	/** A {@link ProblemType#FORBIDDEN} problem. */
	public static ProblemException forbidden(String detail) {
		return new ProblemException(ProblemType.FORBIDDEN, "Forbidden", detail);
	}

	/** A {@link ProblemType#UNAUTHORIZED} problem. */
	public static ProblemException unauthorized(String detail) {
		return new ProblemException(ProblemType.UNAUTHORIZED, "Unauthorized", detail);
	}

	/** A {@link ProblemType#VALIDATION} problem naming one field in {@code errors}. */
	public static ProblemException invalid(String field, String message) {
		return new ProblemException(ProblemType.VALIDATION, "Invalid request", field + ": " + message).with("errors",
				List.of(new InvalidField(field, message)));
	}

	/** Adds a member to the problem object, such as {@code errors}. */
	public final ProblemException with(String name, Object value) {
		getBody().setProperty(name, value);
		return this;
	}

	/**
	 * Says how long to wait with {@code Retry-After}, in whole seconds rounded up (a
	 * client that waits this long is let in).
	 */
	public final ProblemException retryAfter(Duration wait) {
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(wait)));
		return this;
	}

	/** Whole seconds, rounded up, at least one. */
	public static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	/** The problem's {@code type}, for code that branches on it. */
	public String typeSlug() {
		String type = String.valueOf(getBody().getType());
		return type.substring(type.lastIndexOf('/') + 1);
	}

	/** The {@code detail}, which is what a log line about this refusal should say. */
	@Override
	public String getMessage() {
		return String.valueOf(getBody().getDetail());
	}

}
