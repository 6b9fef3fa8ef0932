package dev.vanguard.quiz.web;

import java.util.List;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * The request breaks one or more rules; every broken rule is listed in {@code errors}.
 */
public final class InvalidRequestException extends ProblemException {

	private final List<FieldProblem> errors;

	public InvalidRequestException(String detail, List<FieldProblem> errors) {
		super(ProblemType.VALIDATION, "Invalid request", detail);
		this.errors = List.copyOf(errors);
		with("errors", this.errors);
	}

	public InvalidRequestException(List<FieldProblem> errors) {
		this(summary(errors), errors);
	}

	public List<FieldProblem> errors() {
		return this.errors;
	}

	private static String summary(List<FieldProblem> errors) {
		if (errors.size() == 1) {
			FieldProblem only = errors.getFirst();
			return (only.field().isEmpty() ? "" : only.field() + ": ") + only.message();
		}
		return errors.size() + " problems; see errors";
	}

}
