package dev.vanguard.realtime.store;

import java.util.List;

/**
 * A player's recorded answer, exactly as {@code SessionKeys.answers(n)} documents it and
 * the answer script writes it.
 */
public record AnswerRecord(List<Integer> options, String text, boolean correct, int points, int streak, long responseMs,
		long answeredAt) {
}
