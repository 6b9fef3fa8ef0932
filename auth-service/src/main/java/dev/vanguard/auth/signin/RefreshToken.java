package dev.vanguard.auth.signin;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One refresh token, known only by its hash; usable once. */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken {

	@Id
	@GeneratedValue(strategy = GenerationType.UUID)
	private UUID id;

	@Column(name = "family_id", nullable = false)
	private UUID familyId;

	@Column(name = "token_hash", nullable = false, unique = true, length = 64)
	private String tokenHash;

	@Column(name = "issued_at", nullable = false)
	private Instant issuedAt;

	@Column(name = "expires_at", nullable = false)
	private Instant expiresAt;

	@Column(name = "used_at")
	private Instant usedAt;

	protected RefreshToken() {
	}

	RefreshToken(UUID familyId, String tokenHash, Instant issuedAt, Instant expiresAt) {
		this.familyId = familyId;
		this.tokenHash = tokenHash;
		this.issuedAt = issuedAt;
		this.expiresAt = expiresAt;
	}

	UUID familyId() {
		return this.familyId;
	}

	boolean isUsed() {
		return this.usedAt != null;
	}

	boolean isExpired(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	/** Rotation spends the token; a second use is a replay. */
	void markUsed(Instant now) {
		if (this.usedAt != null) {
			throw new IllegalStateException("Refresh token already used");
		}
		this.usedAt = now;
	}

}
