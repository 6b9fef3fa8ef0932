package dev.vanguard.quiz.library;

import java.util.List;
import java.util.UUID;

import dev.vanguard.contracts.PointsMode;
import dev.vanguard.contracts.QuestionType;

/**
 * What a host wrote: a quiz that has passed every rule, with texts already trimmed.
 * {@link QuizDocumentReader} is the only way to make one from outside input.
 */
public record QuizContent(String title, String description, Visibility visibility, List<String> tags,
		List<Question> questions) {

	public QuizContent {
		tags = List.copyOf(tags);
		questions = List.copyOf(questions);
	}

	/** The same quiz as a new one: no question ids. */
	public QuizContent withoutIds() {
		return new QuizContent(this.title, this.description, this.visibility, this.tags,
				this.questions.stream().map(Question::withoutId).toList());
	}

	QuizContent privateCopy() {
		QuizContent copy = withoutIds();
		return new QuizContent(copy.title, copy.description, Visibility.PRIVATE, copy.tags, copy.questions);
	}

	/**
	 * One question.
	 *
	 * @param id the id of an existing question this one replaces when the quiz is edited,
	 * so that editors keep stable ids; {@code null} for a new question
	 */
	public record Question(UUID id, QuestionType type, String text, String imageUrl, int timeLimitSeconds,
			PointsMode points, List<Option> options, List<String> acceptedAnswers) {

		public Question {
			options = List.copyOf(options);
			acceptedAnswers = List.copyOf(acceptedAnswers);
		}

		Question withoutId() {
			return new Question(null, this.type, this.text, this.imageUrl, this.timeLimitSeconds, this.points,
					this.options, this.acceptedAnswers);
		}

	}

	public record Option(String text, boolean correct) {

	}

}
