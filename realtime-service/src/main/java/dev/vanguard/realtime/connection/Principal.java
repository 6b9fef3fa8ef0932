package dev.vanguard.realtime.connection;

import java.util.UUID;

/**
 * Who is on the other end of a socket: the host of a session, or one of its players.
 *
 * @param id the host's user id or the player's id
 * @param nickname the player's nickname (null for a host)
 */
public record Principal(UUID sessionId, Role role, UUID id, String nickname) {

	public boolean isHost() {
		return this.role == Role.HOST;
	}

	public enum Role {

		HOST, PLAYER

	}

}
