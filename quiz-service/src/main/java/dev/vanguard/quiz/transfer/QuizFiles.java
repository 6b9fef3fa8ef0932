package dev.vanguard.quiz.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.vanguard.quiz.library.QuizContent;
import dev.vanguard.quiz.library.QuizDocumentReader;
import dev.vanguard.quiz.library.QuizDocuments;
import dev.vanguard.quiz.web.FieldPath;
import dev.vanguard.quiz.web.FieldProblem;
import dev.vanguard.quiz.web.InvalidRequestException;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Reads a quiz file: the envelope ({@code format}, {@code version}) and the quiz in it,
 * reporting every problem in the file at once, each with its JSON pointer.
 */
@Component
public class QuizFiles {

	private static final Set<String> ENVELOPE_FIELDS = Set.of("format", "version", "exportedAt", "quiz");

	private final QuizDocuments documents;

	QuizFiles(QuizDocuments documents) {
		this.documents = documents;
	}

	/**
	 * The quiz in the file, or an {@link InvalidRequestException} naming every problem.
	 */
	public QuizContent read(JsonNode file) {
		List<FieldProblem> problems = new ArrayList<>();
		if (!file.isObject()) {
			throw new InvalidRequestException("A quiz file must be a JSON object; nothing was imported.",
					List.of(FieldProblem.at(FieldPath.root(), "must be a JSON object")));
		}
		JsonNode format = file.get("format");
		if (format == null || !format.isString() || !format.stringValue().equals(QuizFile.FORMAT)) {
			problems.add(FieldProblem.at(FieldPath.of("format"), "must be \"" + QuizFile.FORMAT + "\""));
		}
		JsonNode version = file.get("version");
		if (version == null || !version.isIntegralNumber()) {
			problems.add(FieldProblem.at(FieldPath.of("version"), "is required (" + QuizFile.VERSION + ")"));
		}
		else if (!version.canConvertToInt() || version.intValue() != QuizFile.VERSION) {
			problems.add(FieldProblem.at(FieldPath.of("version"),
					"version " + version + " is not supported; this server reads version " + QuizFile.VERSION));
		}
		for (String name : file.propertyNames()) {
			if (!ENVELOPE_FIELDS.contains(name)) {
				problems.add(FieldProblem.at(FieldPath.of(name),
						"is not a known field (expected exportedAt, format, quiz, version)"));
			}
		}
		JsonNode quiz = file.get("quiz");
		QuizContent content = null;
		if (quiz == null || quiz.isNull()) {
			problems.add(FieldProblem.at(FieldPath.of("quiz"), "is required"));
		}
		else {
			QuizDocumentReader.Result result = this.documents.read(quiz, FieldPath.of("quiz"));
			problems.addAll(result.problems());
			content = result.content();
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(describe(problems), problems);
		}
		return content;
	}

	private static String describe(List<FieldProblem> problems) {
		return "The quiz file has " + problems.size() + ((problems.size() == 1) ? " problem" : " problems")
				+ "; nothing was imported.";
	}

}
