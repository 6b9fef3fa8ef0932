package dev.vanguard.auth.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem types auth-service answers with. Clients branch on {@code type}, so these
 * URIs are a contract: add new ones, never rename.
 */
public final class Problems {

	public static final URI VALIDATION = type("validation");

	public static final URI MALFORMED_REQUEST = type("malformed-request");

	public static final URI WEAK_PASSWORD = type("weak-password");

	public static final URI EMAIL_TAKEN = type("email-taken");

	public static final URI BAD_CREDENTIALS = type("bad-credentials");

	public static final URI TOO_MANY_ATTEMPTS = type("too-many-attempts");

	public static final URI BUSY = type("busy");

	public static final URI INVALID_REFRESH_TOKEN = type("invalid-refresh-token");

	public static final URI CROSS_SITE_REQUEST = type("cross-site-request");

	public static final URI UNAUTHORIZED = type("unauthorized");

	public static final URI FORBIDDEN = type("forbidden");

	public static final URI NOT_FOUND = type("not-found");

	public static final URI METHOD_NOT_ALLOWED = type("method-not-allowed");

	public static final URI UNSUPPORTED_MEDIA_TYPE = type("unsupported-media-type");

	public static final URI NOT_ACCEPTABLE = type("not-acceptable");

	public static final URI INTERNAL = type("internal");

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	/** Adds the {@code errors} array that names each offending field. */
	public static ProblemDetail withErrors(ProblemDetail problem, List<InvalidField> errors) {
		problem.setProperty("errors", errors);
		return problem;
	}

	static URI forStatus(int status) {
		return switch (status) {
			case 400 -> MALFORMED_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			default -> (status >= 500) ? INTERNAL : type("http-" + status);
		};
	}

	private static URI type(String name) {
		return URI.create("https://vanguard.dev/problems/" + name);
	}

	/** One field a request got wrong; {@code field} may be a path. */
	public record InvalidField(String field, String message) {
	}

}
