package dev.vanguard.realtime.store;

import org.jspecify.annotations.Nullable;

/**
 * What the answer script decided: accepted ({@code ok}, with the server-measured response
 * time and the record it wrote) or refused with a code of {@code ErrorCode}.
 *
 * @param answer the answer record as written in Redis, when accepted
 */
public record AnswerOutcome(boolean ok, String code, long seq, long responseMs, @Nullable AnswerRecord answer) {
}
