package dev.vanguard.quiz.web;

import java.net.URI;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every error to an RFC 9457 problem, once, for the whole service: the features' own
 * refusals and Spring MVC's (malformed JSON, wrong parameter types, oversized uploads),
 * so that a client mistake is never a 500 and never shows a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemHandler.class);

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private final RequestLimits limits;

	ProblemHandler(RequestLimits limits) {
		this.limits = limits;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleProblem(ProblemException ex) {
		return ResponseEntity.status(ex.status()).body(ex.toProblemDetail());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleConcurrentUpdate(OptimisticLockingFailureException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Someone else changed this quiz at the same moment; reload it and apply your changes again.");
		problem.setType(ProblemTypes.VERSION_CONFLICT);
		problem.setTitle("Version conflict");
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<Object> handleMultipart(MultipartException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The multipart request could not be read; send the image as the form part 'file'.");
		problem.setType(ProblemTypes.MALFORMED_REQUEST);
		problem.setTitle("Malformed request");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
		log.error("Unexpected error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side.");
		problem.setType(ProblemTypes.INTERNAL);
		problem.setTitle("Internal error");
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
	}

	private static ResponseEntity<Object> problem(ProblemException ex) {
		return ResponseEntity.status(ex.status()).body(ex.toProblemDetail());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causedByOversizedBody(ex)) {
			return problem(new PayloadTooLargeException(this.limits.bodyTooLargeDetail()));
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is not valid JSON" + location(ex) + ".");
		problem.setType(ProblemTypes.MALFORMED_REQUEST);
		problem.setTitle("Malformed request");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return problem(new PayloadTooLargeException(this.limits.imageTooLargeDetail()));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		FieldProblem error = FieldProblem.parameter(name, "must be a valid " + expected.toLowerCase());
		return problem(new InvalidRequestException(List.of(error)));
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"There is nothing at " + ex.getResourcePath() + ".");
		problem.setType(ProblemTypes.NOT_FOUND);
		problem.setTitle("Not found");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		Object problem = (body != null) ? body
				: (ex instanceof ErrorResponse response) ? response.getBody() : ProblemDetail.forStatus(statusCode);
		// Spring's own refusals (405, 415, a missing part...) get a stable type too.
		if (problem instanceof ProblemDetail detail
				&& (detail.getType() == null || ABOUT_BLANK.equals(detail.getType()))) {
			detail.setType(ProblemTypes.forStatus(statusCode.value()));
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private static boolean causedByOversizedBody(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	/** Where the parser stopped, without echoing the body back. */
	private static String location(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof tools.jackson.core.JacksonException jackson && jackson.getLocation() != null
					&& jackson.getLocation().getLineNr() > 0) {
				return " (line " + jackson.getLocation().getLineNr() + ", column " + jackson.getLocation().getColumnNr()
						+ ")";
			}
		}
		return "";
	}

}
