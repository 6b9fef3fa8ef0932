package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A player joined the session (already written to the session's players hash in Redis).
 */
public record PlayerJoined(UUID sessionId, long seq, Instant createdAt, UUID playerId,
		String nickname) implements SessionEvent {
}
