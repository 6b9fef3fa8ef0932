package dev.vanguard.session.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A refusal a client can act on. The handler turns it into an RFC 9457 problem with a
 * stable {@code type}; {@code detail} is written for people.
 */
public class ApiException extends RuntimeException {

	private static final String TYPE_BASE = "https://vanguard.dev/problems/";

	private final HttpStatus status;

	private final URI type;

	private final String title;

	private final List<FieldError> errors;

	private final Duration retryAfter;

	public ApiException(HttpStatus status, String type, String title, String detail) {
		this(status, type, title, detail, List.of(), null);
	}

	private ApiException(HttpStatus status, String type, String title, String detail, List<FieldError> errors,
			Duration retryAfter) {
		super(detail);
		this.status = status;
		this.type = URI.create(TYPE_BASE + type);
		this.title = title;
		this.errors = List.copyOf(errors);
		this.retryAfter = retryAfter;
	}

	public static ApiException notFound(String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
	}

	public static ApiException forbidden(String detail) {
		return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
	}

	/** The session is in a state where this action does not fit. */
	public static ApiException invalidState(String detail) {
		return new ApiException(HttpStatus.CONFLICT, "invalid-session-state", "Not possible in this state", detail);
	}

	public static ApiException validation(String field, String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, "validation", "Invalid request", field + ": " + message,
				List.of(new FieldError(field, message)), null);
	}

	public static ApiException tooManyRequests(Duration retryAfter) {
		return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
				"Too many requests from this address; try again in " + seconds(retryAfter) + " seconds.", List.of(),
				retryAfter);
	}

	/** Whole seconds, rounded up: a client that waits this long is let in. */
	static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	public HttpStatus status() {
		return this.status;
	}

	public URI type() {
		return this.type;
	}

	public String title() {
		return this.title;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	/** For a 429: how long the client should wait, otherwise {@code null}. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * One invalid field; {@code field} may be a path such as {@code settings.lateJoin}.
	 */
	public record FieldError(String field, String message) {
	}

}
