package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The host removed a player. The player's token is dead from this moment (the player is
 * in the session's kicked set in Redis); realtime-service closes the player's socket.
 */
public record PlayerKicked(UUID sessionId, long seq, Instant createdAt, UUID playerId,
		String nickname) implements SessionEvent {
}
