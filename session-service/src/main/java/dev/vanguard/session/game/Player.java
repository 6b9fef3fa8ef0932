package dev.vanguard.session.game;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A player who joined a session. A kicked player keeps the row, without the nickname's
 * claim but with the device's hash, so that device cannot join the session again.
 */
@Entity
@Table(name = "players")
class Player {

	@Id
	private UUID id;

	private UUID sessionId;

	private String nickname;

	/** What nicknames are compared by: {@link Nicknames#key}. */
	private String nicknameKey;

	/** SHA-256 of the session id and the device secret the join came with. */
	private String deviceHash;

	private Instant joinedAt;

	private Instant kickedAt;

	protected Player() {
	}

	Player(UUID id, UUID sessionId, String nickname, String nicknameKey, String deviceHash, Instant joinedAt) {
		this.id = id;
		this.sessionId = sessionId;
		this.nickname = nickname;
		this.nicknameKey = nicknameKey;
		this.deviceHash = deviceHash;
		this.joinedAt = joinedAt;
	}

	void kick(Instant now) {
		this.kickedAt = now;
	}

	boolean isKicked() {
		return this.kickedAt != null;
	}

	UUID getId() {
		return this.id;
	}

	UUID getSessionId() {
		return this.sessionId;
	}

	String getNickname() {
		return this.nickname;
	}

	String getNicknameKey() {
		return this.nicknameKey;
	}

	String getDeviceHash() {
		return this.deviceHash;
	}

	Instant getJoinedAt() {
		return this.joinedAt;
	}

	Instant getKickedAt() {
		return this.kickedAt;
	}

}
