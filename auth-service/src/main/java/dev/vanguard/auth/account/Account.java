package dev.vanguard.auth.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A host's account. Its e-mail is stored normalised, so uniqueness ignores case. */
@Entity
@Table(name = "accounts")
class Account {

	@Id
	@GeneratedValue(strategy = GenerationType.UUID)
	private UUID id;

	@Column(nullable = false, unique = true, length = 254)
	private String email;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Column(name = "display_name", nullable = false, length = 50)
	private String displayName;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected Account() {
	}

	Account(String email, String passwordHash, String displayName, Instant createdAt) {
		this.email = email;
		this.passwordHash = passwordHash;
		this.displayName = displayName;
		this.createdAt = createdAt;
	}

	UUID id() {
		return this.id;
	}

	String passwordHash() {
		return this.passwordHash;
	}

	AccountView view() {
		return new AccountView(this.id, this.email, this.displayName, this.createdAt);
	}

}
