package dev.vanguard.session.player;

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
public class Player {

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

	public Player(UUID id, UUID sessionId, String nickname, String nicknameKey, String deviceHash, Instant joinedAt) {
		this.id = id;
		this.sessionId = sessionId;
		this.nickname = nickname;
		this.nicknameKey = nicknameKey;
		this.deviceHash = deviceHash;
		this.joinedAt = joinedAt;
	}

	public void kick(Instant now) {
		this.kickedAt = now;
	}

	public boolean isKicked() {
		return this.kickedAt != null;
	}

	public UUID getId() {
		return this.id;
	}

	public UUID getSessionId() {
		return this.sessionId;
	}

	public String getNickname() {
		return this.nickname;
	}

	public String getNicknameKey() {
		return this.nicknameKey;
	}

	public String getDeviceHash() {
		return this.deviceHash;
	}

	public Instant getJoinedAt() {
		return this.joinedAt;
	}

	public Instant getKickedAt() {
		return this.kickedAt;
	}

}
