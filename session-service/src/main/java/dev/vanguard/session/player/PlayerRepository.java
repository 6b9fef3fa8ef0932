package dev.vanguard.session.player;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PlayerRepository extends JpaRepository<Player, UUID> {

	@Query("select count(p) > 0 from Player p where p.sessionId = :sessionId and p.kickedAt is null and p.nicknameKey = :nicknameKey")
	boolean isNicknameTaken(UUID sessionId, String nicknameKey);

	@Query("select count(p) > 0 from Player p where p.sessionId = :sessionId and p.kickedAt is not null and p.deviceHash = :deviceHash")
	boolean isDeviceKicked(UUID sessionId, String deviceHash);

	@Query("select p from Player p where p.sessionId = :sessionId and p.kickedAt is null order by p.joinedAt, p.id")
	List<Player> findActive(UUID sessionId);

	@Query("select p.id from Player p where p.sessionId = :sessionId and p.kickedAt is not null")
	List<UUID> findKickedIds(UUID sessionId);

	Optional<Player> findByIdAndSessionId(UUID id, UUID sessionId);

	@Query("select count(p) from Player p where p.sessionId = :sessionId and p.kickedAt is null")
	long countActive(UUID sessionId);

	@Query("select p.sessionId, count(p) from Player p where p.sessionId in :sessionIds and p.kickedAt is null group by p.sessionId")
	List<Object[]> countActive(Collection<UUID> sessionIds);

}
