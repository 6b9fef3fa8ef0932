package dev.vanguard.auth.signin;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface RefreshTokenFamilyRepository extends JpaRepository<RefreshTokenFamily, UUID> {

	/**
	 * Locks the family row: rotation, replay detection and logout of one family are
	 * serialised, so no new token can slip into a family while it is being revoked.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select f from RefreshTokenFamily f where f.id = :id")
	Optional<RefreshTokenFamily> findByIdForUpdate(UUID id);

}
