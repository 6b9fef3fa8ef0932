package dev.vanguard.auth.signin;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** All refresh tokens descended from one sign-in; revoked as a whole. */
@Entity
@Table(name = "refresh_token_families")
class RefreshTokenFamily {

	@Id
	@GeneratedValue(strategy = GenerationType.UUID)
	private UUID id;

	@Column(name = "account_id", nullable = false)
	private UUID accountId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "revoked_at")
	private Instant revokedAt;

	protected RefreshTokenFamily() {
	}

	RefreshTokenFamily(UUID accountId, Instant createdAt) {
		this.accountId = accountId;
		this.createdAt = createdAt;
	}

	UUID id() {
		return this.id;
	}

	UUID accountId() {
		return this.accountId;
	}

	boolean isRevoked() {
		return this.revokedAt != null;
	}

	/** Revoking twice keeps the first time. */
	void revoke(Instant now) {
		if (this.revokedAt == null) {
			this.revokedAt = now;
		}
	}

}
