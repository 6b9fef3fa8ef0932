package dev.vanguard.quiz.library;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vanguard.contracts.PointsMode;
import dev.vanguard.contracts.QuestionType;

/**
 * A whole quiz, as its owner reads it (with the answers) or another host reads a public
 * one (without: no {@code correct} flags, no accepted answers). session-service snapshots
 * exactly this shape, with the answers, when a session opens; see
 * {@code docs/api/quizzes.md}.
 *
 * @param withAnswers whether the answer key is included
 */
public record QuizView(UUID id, UUID ownerId, String title, String description, Visibility visibility,
		List<String> tags, long version, Instant createdAt, Instant updatedAt, boolean withAnswers,
		List<QuestionView> questions) {

	static QuizView of(Quiz quiz) {
		return of(quiz, true);
	}

	static QuizView of(Quiz quiz, boolean withAnswers) {
		return new QuizView(quiz.id(), quiz.ownerId(), quiz.title(), quiz.description(), quiz.visibility(), quiz.tags(),
				quiz.version(), quiz.createdAt(), quiz.updatedAt(), withAnswers,
				quiz.questions().stream().map((question) -> QuestionView.of(question.content(), withAnswers)).toList());
	}

	/**
	 * One question. {@code options} is empty for type-answer questions;
	 * {@code acceptedAnswers} is empty for every other type.
	 */
	public record QuestionView(UUID id, QuestionType type, String text, String imageUrl, int timeLimitSeconds,
			PointsMode points, List<OptionView> options, List<String> acceptedAnswers) {

		static QuestionView of(QuizContent.Question question, boolean withAnswers) {
			return new QuestionView(question.id(), question.type(), question.text(), question.imageUrl(),
					question.timeLimitSeconds(), question.points(),
					question.options()
						.stream()
						.map((option) -> new OptionView(option.text(), withAnswers ? option.correct() : null))
						.toList(),
					withAnswers ? question.acceptedAnswers() : List.of());
		}

	}

	/**
	 * @param correct whether the option is right; absent without the answer key
	 */
	public record OptionView(String text, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean correct) {

	}

}
