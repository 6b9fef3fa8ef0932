package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.vanguard.contracts.QuestionType;

/**
 * Question {@code index} (0-based) of {@code questionCount} is open from
 * {@code startedAt} until {@code deadline}, both by session-service's clock. The question
 * carries its answers: it is for the services, and realtime-service strips them before
 * anything reaches a player.
 */
public record QuestionStarted(UUID sessionId, long seq, Instant createdAt, int index, int questionCount,
		Question question, Instant startedAt, Instant deadline) implements SessionEvent {

	/**
	 * One question as this session plays it: options already in the order players see
	 * them.
	 *
	 * @param imageUrl the question's picture, if it has one
	 * @param points what a correct answer is worth before the time factor (0, 1000 or
	 * 2000)
	 * @param correctOptions indexes into {@code options} of the correct ones (empty for a
	 * poll and for type-the-answer)
	 * @param acceptedAnswers for type-the-answer, the accepted answers already normalised
	 * by {@link dev.vanguard.contracts.AnswerText#normalise(String)}; empty otherwise
	 */
	public record Question(QuestionType type, String text, @Nullable String imageUrl, int timeLimitSeconds, int points,
			List<String> options, List<Integer> correctOptions, List<String> acceptedAnswers) {

		public Question {
			options = List.copyOf(options);
			correctOptions = List.copyOf(correctOptions);
			acceptedAnswers = List.copyOf(acceptedAnswers);
		}

	}

}
