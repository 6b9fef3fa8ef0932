package dev.vanguard.auth.signin;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RefreshTokenFamilyRepository extends JpaRepository<RefreshTokenFamily, UUID> {

	/**
	 * Locks the family row: rotation, replay detection and logout of one family are
	 * serialised, so no new token can slip into a family while it is being revoked.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select f from RefreshTokenFamily f where f.id = :id")
	Optional<RefreshTokenFamily> findByIdForUpdate(UUID id);

	/**
	 * Revokes every family of the account that is not revoked yet, in one statement. Each
	 * row it updates is locked the way {@link #findByIdForUpdate} locks it, so a rotation
	 * in flight either finishes first (and its new token is revoked with the family) or
	 * runs after and finds the family revoked.
	 */
	@Modifying
	@Query("update RefreshTokenFamily f set f.revokedAt = :now where f.accountId = :accountId and f.revokedAt is null")
	int revokeAllOf(UUID accountId, Instant now);

}
