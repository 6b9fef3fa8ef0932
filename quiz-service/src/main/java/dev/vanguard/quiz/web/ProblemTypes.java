package dev.vanguard.quiz.web;

import java.net.URI;

/**
 * The stable {@code type} URIs of the problems this service answers with; clients switch
 * on these, never on the human {@code detail}.
 */
public final class ProblemTypes {

	public static final URI VALIDATION = URI.create("https://vanguard.dev/problems/validation");

	public static final URI MALFORMED_REQUEST = URI.create("https://vanguard.dev/problems/malformed-request");

	public static final URI NOT_FOUND = URI.create("https://vanguard.dev/problems/not-found");

	public static final URI FORBIDDEN = URI.create("https://vanguard.dev/problems/forbidden");

	public static final URI UNAUTHORIZED = URI.create("https://vanguard.dev/problems/unauthorized");

	public static final URI VERSION_CONFLICT = URI.create("https://vanguard.dev/problems/version-conflict");

	public static final URI PAYLOAD_TOO_LARGE = URI.create("https://vanguard.dev/problems/payload-too-large");

	public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("https://vanguard.dev/problems/unsupported-media-type");

	public static final URI METHOD_NOT_ALLOWED = URI.create("https://vanguard.dev/problems/method-not-allowed");

	public static final URI NOT_ACCEPTABLE = URI.create("https://vanguard.dev/problems/not-acceptable");

	public static final URI INTERNAL = URI.create("https://vanguard.dev/problems/internal");

	private ProblemTypes() {
	}

	/**
	 * The type for a problem Spring MVC raised itself, which it leaves as about:blank.
	 */
	static URI forStatus(int status) {
		return switch (status) {
			case 400 -> MALFORMED_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 409 -> VERSION_CONFLICT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			default -> INTERNAL;
		};
	}

}
