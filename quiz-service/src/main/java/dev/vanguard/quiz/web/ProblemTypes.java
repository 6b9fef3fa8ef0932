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

	public static final URI INTERNAL = URI.create("https://vanguard.dev/problems/internal");

	private ProblemTypes() {
	}

}
