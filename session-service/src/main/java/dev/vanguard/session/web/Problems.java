package dev.vanguard.session.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The stable problem types of this service that are not an {@link ApiException}. */
final class Problems {

	static final URI VALIDATION = URI.create("https://vanguard.dev/problems/validation");

	static final URI MALFORMED = URI.create("https://vanguard.dev/problems/malformed-request");

	static final URI UNAUTHORIZED = URI.create("https://vanguard.dev/problems/unauthorized");

	static final URI FORBIDDEN = URI.create("https://vanguard.dev/problems/forbidden");

	static final URI NOT_FOUND = URI.create("https://vanguard.dev/problems/not-found");

	static final URI METHOD_NOT_ALLOWED = URI.create("https://vanguard.dev/problems/method-not-allowed");

	static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("https://vanguard.dev/problems/unsupported-media-type");

	static final URI NOT_ACCEPTABLE = URI.create("https://vanguard.dev/problems/not-acceptable");

	static final URI INTERNAL = URI.create("https://vanguard.dev/problems/internal-error");

	static final URI UNAVAILABLE = URI.create("https://vanguard.dev/problems/service-unavailable");

	private Problems() {
	}

	/** A type for the problems Spring MVC raises itself, chosen by status. */
	static URI typeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> MALFORMED;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			default -> INTERNAL;
		};
	}

	static ProblemDetail of(HttpStatusCode status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

}
