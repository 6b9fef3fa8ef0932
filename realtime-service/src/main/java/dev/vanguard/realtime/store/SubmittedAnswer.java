package dev.vanguard.realtime.store;

import java.util.List;
import java.util.UUID;

/**
 * An answer that passed the shape checks, ready for the answer script.
 *
 * @param options the chosen option indexes, or null for a typed answer
 * @param text the typed answer, trimmed, or null
 * @param normalised {@code text} normalised by {@code AnswerText.normalise}, or null
 */
public record SubmittedAnswer(UUID sessionId, UUID playerId, int questionIndex, List<Integer> options, String text,
		String normalised) {
}
