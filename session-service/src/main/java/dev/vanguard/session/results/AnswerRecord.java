package dev.vanguard.session.results;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One player's answer to one question as realtime-service records it in
 * {@code answers:{n}} (see {@code SessionKeys#answers(int)}).
 *
 * @param options chosen option indexes (played order), for option questions
 * @param text the typed answer, for type-the-answer
 * @param responseMs server-measured time from question start to the answer
 * @param answeredAt epoch milliseconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnswerRecord(List<Integer> options, String text, boolean correct, int points, int streak, long responseMs,
		Long answeredAt) {
}
