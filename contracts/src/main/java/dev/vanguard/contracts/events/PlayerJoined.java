package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A player joined the session (already written to the session's players hash in Redis).
 *
 * @param playerCount the players in the session right after this join, as session-service
 * counted them under the session's lock: joins are counted one by one in seq order, so
 * each event carries its own count however late it is applied
 */
public record PlayerJoined(UUID sessionId, long seq, Instant createdAt, UUID playerId, String nickname,
		int playerCount) implements SessionEvent {
}
