package dev.vanguard.quiz.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a request: {@code field} names it the way a form would
 * ({@code questions[1].options}), {@code pointer} is the JSON pointer into the body
 * (absent for query parameters).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(String field, String pointer, String message) {

	public static FieldProblem at(FieldPath path, String message) {
		return new FieldProblem(path.field(), path.pointer(), message);
	}

	public static FieldProblem parameter(String name, String message) {
		return new FieldProblem(name, null, message);
	}

}
