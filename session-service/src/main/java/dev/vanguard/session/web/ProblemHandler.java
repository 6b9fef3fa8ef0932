package dev.vanguard.session.web;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every error to an RFC 9457 problem: domain refusals ({@link ApiException}), Spring
 * MVC's own (malformed JSON, wrong method, …) and, as a last resort, anything unexpected
 * as a 500 without internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/** What a 503 for want of a database connection asks the client to wait. */
	private static final Duration RETRY_AFTER_NO_CONNECTION = Duration.ofSeconds(1);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> handleApiException(ApiException ex) {
		ProblemDetail problem = Problems.of(ex.status(), ex.type(), ex.title(), ex.getMessage());
		if (!ex.errors().isEmpty()) {
			problem.setProperty("errors", ex.errors());
		}
		HttpHeaders headers = new HttpHeaders();
		if (ex.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(ApiException.seconds(ex.retryAfter())));
		}
		return problem(ex.status(), headers, problem);
	}

	/**
	 * No database connection to be had: the pool stayed exhausted for its whole
	 * connection timeout (a join storm) or the database does not answer. Nothing was
	 * changed, so the client may simply try again shortly. (A pooled connection that
	 * broke is retried before this: DeadConnectionRetryConfiguration.)
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, CannotGetJdbcConnectionException.class })
	ResponseEntity<Object> handleNoConnection(Exception ex) {
		log.warn("No database connection: {}", ex.getMessage());
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE, "Service busy",
				"The service is busy; please try again in a moment.");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_NO_CONNECTION.toSeconds()));
		return problem(HttpStatus.SERVICE_UNAVAILABLE, headers, problem);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex) {
		log.error("Unexpected error", ex);
		ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL, "Internal error",
				"Something went wrong on our side; please try again.");
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, HttpHeaders.EMPTY, problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<ApiException.FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(ProblemHandler::fieldError)
			.toList();
		return problem(HttpStatus.BAD_REQUEST, HttpHeaders.EMPTY, validationProblem(errors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<ApiException.FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new ApiException.FieldError(result.getMethodParameter().getParameterName(),
						String.valueOf(error.getDefaultMessage()))))
			.toList();
		return problem(HttpStatus.BAD_REQUEST, HttpHeaders.EMPTY, validationProblem(errors));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response == null || !(response.getBody() instanceof ProblemDetail problem)) {
			return response;
		}
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(Problems.typeFor(statusCode));
		}
		return problem(response.getStatusCode(), response.getHeaders(), problem);
	}

	/** Always {@code application/problem+json}, whatever the client accepts. */
	private static ResponseEntity<Object> problem(HttpStatusCode status, HttpHeaders headers, ProblemDetail problem) {
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static ProblemDetail validationProblem(List<ApiException.FieldError> errors) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid request",
				"The request has invalid fields.");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static ApiException.FieldError fieldError(FieldError error) {
		return new ApiException.FieldError(error.getField(), String.valueOf(error.getDefaultMessage()));
	}

}
