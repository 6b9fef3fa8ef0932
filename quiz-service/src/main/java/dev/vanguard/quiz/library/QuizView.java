package dev.vanguard.quiz.library;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.vanguard.contracts.PointsMode;
import dev.vanguard.contracts.QuestionType;

/**
 * A whole quiz with its answers, as its owner (or any host, when public) reads it.
 * session-service snapshots exactly this shape when a session opens; see
 * {@code docs/api/quizzes.md}.
 */
public record QuizView(UUID id, UUID ownerId, String title, String description, Visibility visibility,
		List<String> tags, long version, Instant createdAt, Instant updatedAt, List<QuestionView> questions) {

	static QuizView of(Quiz quiz) {
		return new QuizView(quiz.id(), quiz.ownerId(), quiz.title(), quiz.description(), quiz.visibility(), quiz.tags(),
				quiz.version(), quiz.createdAt(), quiz.updatedAt(),
				quiz.questions().stream().map((question) -> QuestionView.of(question.content())).toList());
	}

	/**
	 * One question. {@code options} is empty for type-answer questions;
	 * {@code acceptedAnswers} is empty for every other type.
	 */
	public record QuestionView(UUID id, QuestionType type, String text, String imageUrl, int timeLimitSeconds,
			PointsMode points, List<OptionView> options, List<String> acceptedAnswers) {

		static QuestionView of(QuizContent.Question question) {
			return new QuestionView(question.id(), question.type(), question.text(), question.imageUrl(),
					question.timeLimitSeconds(), question.points(),
					question.options()
						.stream()
						.map((option) -> new OptionView(option.text(), option.correct()))
						.toList(),
					question.acceptedAnswers());
		}

	}

	public record OptionView(String text, boolean correct) {

	}

}
