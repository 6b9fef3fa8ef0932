package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The session is over and its results are stored. realtime-service sends the final
 * standings, closes every socket with the session-over code and lets the session's Redis
 * keys expire.
 */
public record SessionEnded(UUID sessionId, long seq, Instant createdAt) implements SessionEvent {
}
