package dev.vanguard.session.lobby;

import java.util.UUID;

/**
 * A player let in.
 *
 * @param token the player token for realtime-service's socket ({@code /ws?token=…})
 */
record Joined(UUID sessionId, UUID playerId, String nickname, String token) {
}
