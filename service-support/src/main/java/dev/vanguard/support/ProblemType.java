package dev.vanguard.support;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Every problem type the services answer with: the whole catalogue, in one place. Clients
 * branch on {@code type} (never on {@code detail}), so these names are a contract: add
 * new ones, never rename. {@code docs/api/problems.md} lists exactly these, which
 * {@code ProblemCatalogueDocumentationTests} checks.
 */
public enum ProblemType {

	/** Fields that break a rule; the problem lists them in {@code errors}. */
	VALIDATION("validation", HttpStatus.BAD_REQUEST),

	MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST),

	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),

	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),

	NOT_FOUND("not-found", HttpStatus.NOT_FOUND),

	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED),

	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE),

	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE),

	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),

	INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR),

	WEAK_PASSWORD("weak-password", HttpStatus.BAD_REQUEST),

	EMAIL_TAKEN("email-taken", HttpStatus.CONFLICT),

	BAD_CREDENTIALS("bad-credentials", HttpStatus.UNAUTHORIZED),

	TOO_MANY_ATTEMPTS("too-many-attempts", HttpStatus.TOO_MANY_REQUESTS),

	BUSY("busy", HttpStatus.SERVICE_UNAVAILABLE),

	INVALID_REFRESH_TOKEN("invalid-refresh-token", HttpStatus.UNAUTHORIZED),

	CROSS_SITE_REQUEST("cross-site-request", HttpStatus.FORBIDDEN),

	VERSION_CONFLICT("version-conflict", HttpStatus.CONFLICT),

	KICKED("kicked", HttpStatus.FORBIDDEN),

	NICKNAME_BANNED("nickname-banned", HttpStatus.FORBIDDEN),

	JOIN_PATTERN_REQUIRED("join-pattern-required", HttpStatus.FORBIDDEN),

	WRONG_JOIN_PATTERN("wrong-join-pattern", HttpStatus.FORBIDDEN),

	LOBBY_LOCKED("lobby-locked", HttpStatus.CONFLICT),

	LOBBY_FULL("lobby-full", HttpStatus.CONFLICT),

	INVALID_SESSION_STATE("invalid-session-state", HttpStatus.CONFLICT),

	NICKNAME_TAKEN("nickname-taken", HttpStatus.CONFLICT),

	NICKNAME_REJECTED("nickname-rejected", HttpStatus.UNPROCESSABLE_CONTENT),

	QUIZ_NOT_PLAYABLE("quiz-not-playable", HttpStatus.UNPROCESSABLE_CONTENT),

	RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS),

	QUIZ_SERVICE_UNAVAILABLE("quiz-service-unavailable", HttpStatus.BAD_GATEWAY),

	NO_FREE_PIN("no-free-pin", HttpStatus.SERVICE_UNAVAILABLE),

	SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE);

	private static final String BASE = "https://vanguard.dev/problems/";

	private final String slug;

	private final HttpStatus status;

	private final URI uri;

	ProblemType(String slug, HttpStatus status) {
		this.slug = slug;
		this.status = status;
		this.uri = URI.create(BASE + slug);
	}

	/** The last segment of the type URI, e.g. {@code nickname-taken}. */
	public String slug() {
		return this.slug;
	}

	/** The status a problem of this type always has. */
	public HttpStatus status() {
		return this.status;
	}

	public URI uri() {
		return this.uri;
	}

	/**
	 * The type of a problem Spring MVC raised itself (a wrong method, an unreadable
	 * body…), which it leaves as {@code about:blank}.
	 */
	public static ProblemType forStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> MALFORMED_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			default -> status.is4xxClientError() ? MALFORMED_REQUEST : INTERNAL;
		};
	}

}
