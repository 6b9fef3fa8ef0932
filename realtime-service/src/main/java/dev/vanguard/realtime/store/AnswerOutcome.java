package dev.vanguard.realtime.store;

/**
 * What the answer script decided: accepted ({@code ok}, with the server-measured response
 * time) or refused with a code of {@code ErrorCode}.
 */
public record AnswerOutcome(boolean ok, String code, long seq, long responseMs) {
}
