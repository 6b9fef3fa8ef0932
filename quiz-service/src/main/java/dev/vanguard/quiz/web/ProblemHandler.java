package dev.vanguard.quiz.web;

import java.util.List;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemHandling;
import dev.vanguard.support.ProblemType;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every error of quiz-service to an RFC 9457 problem (see {@link ProblemHandling}),
 * adding what only this service meets: a concurrent edit, uploads, an oversized body
 * found while reading, and details that say where a JSON document broke.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemHandling {

	private final RequestLimits limits;

	ProblemHandler(RequestLimits limits) {
		this.limits = limits;
	}

	@ExceptionHandler
	ResponseEntity<Object> handleConcurrentUpdate(OptimisticLockingFailureException ex) {
		return respond(new ProblemException(ProblemType.VERSION_CONFLICT, "Version conflict",
				"Someone else changed this quiz at the same moment; reload it and apply your changes again."));
	}

	@ExceptionHandler
	ResponseEntity<Object> handleMultipart(MultipartException ex) {
		return respond(new ProblemException(ProblemType.MALFORMED_REQUEST, "Malformed request",
				"The multipart request could not be read; send the image as the form part 'file'."));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causedByOversizedBody(ex)) {
			return respond(new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Payload too large",
					this.limits.bodyTooLargeDetail()));
		}
		return respond(new ProblemException(ProblemType.MALFORMED_REQUEST, "Malformed request",
				"The request body is not valid JSON" + location(ex) + "."));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Payload too large",
				this.limits.imageTooLargeDetail()));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		FieldProblem error = FieldProblem.parameter(name, "must be a valid " + expected.toLowerCase());
		return respond(new InvalidRequestException(List.of(error)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return respond(ProblemException.notFound("There is nothing at " + ex.getResourcePath() + "."));
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
