package dev.vanguard.quiz.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * The request breaks one or more rules; every broken rule is listed in {@code errors}.
 */
public class InvalidRequestException extends ProblemException {

	private final List<FieldProblem> errors;

	public InvalidRequestException(String detail, List<FieldProblem> errors) {
		super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", detail);
		this.errors = List.copyOf(errors);
	}

	public InvalidRequestException(List<FieldProblem> errors) {
		this(summary(errors), errors);
	}

	public List<FieldProblem> errors() {
		return this.errors;
	}

	@Override
	protected Map<String, Object> properties() {
		return Map.of("errors", this.errors);
	}

	private static String summary(List<FieldProblem> errors) {
		if (errors.size() == 1) {
			FieldProblem only = errors.getFirst();
			return (only.field().isEmpty() ? "" : only.field() + ": ") + only.message();
		}
		return errors.size() + " problems; see errors";
	}

}
