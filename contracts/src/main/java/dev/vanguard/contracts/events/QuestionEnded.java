package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Question {@code index} closed; no answer is accepted after it. realtime-service reveals
 * the distribution, the correct answer and the standings.
 */
public record QuestionEnded(UUID sessionId, long seq, Instant createdAt, int index,
		Reason reason) implements SessionEvent {

	public enum Reason {

		/** The server's clock reached the deadline. */
		DEADLINE,

		/** Every connected player had answered. */
		ALL_ANSWERED,

		/** The host closed it early (reveal). */
		HOST,

		/** The host skipped it. */
		SKIPPED

	}

}
