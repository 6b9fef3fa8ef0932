package dev.vanguard.session.quiz;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.vanguard.contracts.PointsMode;
import dev.vanguard.contracts.QuestionType;

/**
 * A quiz as quiz-service returns it to a host who may host it, answers included.
 *
 * @param withAnswers whether quiz-service included the answer key
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QuizDocument(UUID id, UUID ownerId, String title, long version, boolean withAnswers,
		List<Question> questions) {

	public QuizDocument {
		questions = (questions != null) ? List.copyOf(questions) : List.of();
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Question(UUID id, QuestionType type, String text, String imageUrl, int timeLimitSeconds,
			PointsMode points, List<Option> options, List<String> acceptedAnswers) {

		public Question {
			options = (options != null) ? List.copyOf(options) : List.of();
			acceptedAnswers = (acceptedAnswers != null) ? List.copyOf(acceptedAnswers) : List.of();
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Option(String text, boolean correct) {
	}

}
