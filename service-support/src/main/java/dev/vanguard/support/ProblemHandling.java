package dev.vanguard.support;

import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every error to an RFC 9457 problem with a type from the catalogue, so that a
 * client's mistake is never a 500 and nothing internal leaks: the features' refusals (any
 * {@link org.springframework.web.ErrorResponse}, such as {@link ProblemException}),
 * Spring MVC's own (an unreadable body, invalid fields, a wrong method…), the security
 * refusals that {@link ProblemSecurityHandlers} hands over and, last, anything unexpected
 * as a 500. Each service has one {@code @RestControllerAdvice} that extends this and adds
 * what only it needs.
 */
public abstract class ProblemHandling extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemHandling.class);

	@ExceptionHandler
	ResponseEntity<Object> handleAuthentication(AuthenticationException ex, HttpServletRequest request) {
		String detail = (request.getHeader(HttpHeaders.AUTHORIZATION) != null)
				? "The access token is not a valid host access token (expired, not signed by auth-service, "
						+ "or not a host's); sign in again."
				: "A host access token is required (Authorization: Bearer <token>).";
		return respond(new ProblemException(ProblemType.UNAUTHORIZED, "Unauthorized", detail));
	}

	@ExceptionHandler
	ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex) {
		return respond(
				new ProblemException(ProblemType.FORBIDDEN, "Forbidden", "This token does not allow this request."));
	}

	@ExceptionHandler
	ResponseEntity<Object> handleUnexpected(Exception ex) {
		log.error("Unexpected failure", ex);
		return respond(new ProblemException(ProblemType.INTERNAL, "Internal error",
				"Something went wrong on our side; please try again."));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(
				invalidFields(ex.getBindingResult().getFieldErrors().stream().map(ProblemHandling::field).toList()));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(invalidFields(ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new InvalidField(result.getMethodParameter().getParameterName(),
						message(error.getDefaultMessage()))))
			.toList()));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(new ProblemException(ProblemType.MALFORMED_REQUEST, "Malformed request",
				"The request body is missing or is not the JSON this endpoint expects."));
	}

	/**
	 * Where every problem passes: one Spring raised itself gets a type by its status, and
	 * the answer is always {@code application/problem+json}, whatever the client accepts.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response == null || !(response.getBody() instanceof ProblemDetail problem)) {
			return response;
		}
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(ProblemType.forStatus(response.getStatusCode()).uri());
		}
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/** The answer for a refusal raised here rather than thrown. */
	protected final ResponseEntity<Object> respond(ProblemException problem) {
		return ResponseEntity.status(problem.getStatusCode())
			.headers(problem.getHeaders())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.getBody());
	}

	private static ProblemException invalidFields(List<InvalidField> errors) {
		List<InvalidField> sorted = errors.stream()
			.sorted(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::message))
			.toList();
		return new ProblemException(ProblemType.VALIDATION, "Invalid request",
				"The request has invalid fields; see errors.")
			.with("errors", sorted);
	}

	private static InvalidField field(FieldError error) {
		return new InvalidField(error.getField(), message(error.getDefaultMessage()));
	}

	private static String message(@Nullable String message) {
		return (message != null) ? message : "is invalid";
	}

}
