package dev.vanguard.quiz.transfer;

import java.time.Instant;
import java.util.List;

import dev.vanguard.contracts.PointsMode;
import dev.vanguard.contracts.QuestionType;
import dev.vanguard.quiz.library.QuizContent;
import dev.vanguard.quiz.library.Visibility;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The export and import format, version {@value #VERSION}: the quiz as its host wrote it,
 * without ids, owner or timestamps, so a file can be imported into any library. Described
 * in {@code docs/quiz-format.md}; a change that an old reader would misread gets a new
 * version.
 */
record QuizFile(String format, int version, Instant exportedAt, Quiz quiz) {

	static final String FORMAT = "vanguard-quiz";

	static final int VERSION = 1;

	static QuizFile of(QuizContent content, Instant exportedAt) {
		return new QuizFile(FORMAT, VERSION, exportedAt, new Quiz(content.title(), content.description(),
				content.visibility(), content.tags(), content.questions().stream().map(Question::of).toList()));
	}

	@Schema(name = "QuizFileQuiz")
	record Quiz(String title, String description, Visibility visibility, List<String> tags, List<Question> questions) {

	}

	@Schema(name = "QuizFileQuestion")
	record Question(QuestionType type, String text, String imageUrl, int timeLimitSeconds, PointsMode points,
			List<Option> options, List<String> acceptedAnswers) {

		static Question of(QuizContent.Question question) {
			return new Question(question.type(), question.text(), question.imageUrl(), question.timeLimitSeconds(),
					question.points(),
					question.options().stream().map((option) -> new Option(option.text(), option.correct())).toList(),
					question.acceptedAnswers());
		}

	}

	@Schema(name = "QuizFileOption")
	record Option(String text, boolean correct) {

	}

}
