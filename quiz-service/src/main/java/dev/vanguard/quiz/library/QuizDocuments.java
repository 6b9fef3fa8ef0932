package dev.vanguard.quiz.library;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.vanguard.quiz.image.ImageStore;
import dev.vanguard.quiz.web.FieldPath;
import dev.vanguard.quiz.web.FieldProblem;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Reads a quiz from a request or an import file: every rule of
 * {@link QuizDocumentReader}, plus that every uploaded image it names exists here (an
 * exported file may come from another installation).
 */
@Component
public class QuizDocuments {

	private final ImageStore images;

	QuizDocuments(ImageStore images) {
		this.images = images;
	}

	public QuizDocumentReader.Result read(JsonNode quiz, FieldPath path) {
		QuizDocumentReader.Result result = QuizDocumentReader.read(quiz, path);
		Set<String> missing = this.images.missing(
				result.images().stream().map(QuizDocumentReader.UploadedImage::sha256).collect(Collectors.toSet()));
		List<FieldProblem> problems = result.images()
			.stream()
			.filter((image) -> missing.contains(image.sha256()))
			.map((image) -> FieldProblem.at(image.path(), "names an uploaded image that does not exist here"))
			.toList();
		return result.withProblems(problems);
	}

}
