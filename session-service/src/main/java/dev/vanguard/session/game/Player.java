package dev.vanguard.session.game;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A player who joined a session. A kicked player keeps the row, without the nickname's
 * claim.
 */
@Entity
@Table(name = "players")
class Player {

	@Id
	private UUID id;

	private UUID sessionId;

	private String nickname;

	private Instant joinedAt;

	private Instant kickedAt;

	protected Player() {
	}

	Player(UUID id, UUID sessionId, String nickname, Instant joinedAt) {
		this.id = id;
		this.sessionId = sessionId;
		this.nickname = nickname;
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

	Instant getJoinedAt() {
		return this.joinedAt;
	}

	Instant getKickedAt() {
		return this.kickedAt;
	}

}
