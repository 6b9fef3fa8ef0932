package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The host removed a player. The player's token is dead from this moment (the player is
 * in the session's kicked set in Redis); realtime-service closes the player's socket.
 *
 * @param playerCount the players left in the session right after this kick, counted by
 * session-service under the session's lock (as {@link PlayerJoined#playerCount()})
 */
public record PlayerKicked(UUID sessionId, long seq, Instant createdAt, UUID playerId, String nickname,
		int playerCount) implements SessionEvent {
}
