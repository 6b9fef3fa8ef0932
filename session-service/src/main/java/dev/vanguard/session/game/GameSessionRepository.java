package dev.vanguard.session.game;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface GameSessionRepository extends JpaRepository<GameSession, UUID> {

	/**
	 * The session with its row locked until the transaction ends: every change of a
	 * session (and its seq) happens under this lock, on any instance.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from GameSession s where s.id = :id")
	Optional<GameSession> findForUpdate(UUID id);

	@Query("select s.id from GameSession s where s.pin = :pin and s.status <> dev.vanguard.session.game.SessionStatus.ENDED")
	Optional<UUID> findLiveIdByPin(String pin);

	@Query("select count(s) > 0 from GameSession s where s.pin = :pin and s.status <> dev.vanguard.session.game.SessionStatus.ENDED")
	boolean existsLiveByPin(String pin);

	Page<GameSession> findByHostIdOrderByCreatedAtDesc(UUID hostId, Pageable pageable);

	@Query("select count(s) from GameSession s where s.status <> dev.vanguard.session.game.SessionStatus.ENDED")
	long countLive();

	/**
	 * Sessions idle too long: a lobby with nothing published since {@code lobbySince}, a
	 * game (question, reveal or podium) with nothing since {@code gameSince}.
	 */
	@Query("select s.id from GameSession s where (s.status = dev.vanguard.session.game.SessionStatus.LOBBY "
			+ "and s.lastActivityAt < :lobbySince) or (s.status in (dev.vanguard.session.game.SessionStatus.QUESTION, "
			+ "dev.vanguard.session.game.SessionStatus.REVEAL, dev.vanguard.session.game.SessionStatus.PODIUM) "
			+ "and s.lastActivityAt < :gameSince)")
	List<UUID> findIdle(Instant lobbySince, Instant gameSince);

	/** Open questions, for the server clock. */
	@Query("select new dev.vanguard.session.game.OpenQuestion(s.id, s.questionIndex, s.questionDeadline) "
			+ "from GameSession s where s.status = dev.vanguard.session.game.SessionStatus.QUESTION")
	List<OpenQuestion> findOpenQuestions();

	/** Sessions not ended, opened before {@code createdBefore}. */
	@Query("select s.id from GameSession s where s.status <> dev.vanguard.session.game.SessionStatus.ENDED "
			+ "and s.createdAt < :createdBefore")
	List<UUID> findLiveCreatedBefore(Instant createdBefore);

	/** Reveals of auto-advancing sessions that have been shown long enough. */
	@Query("select new dev.vanguard.session.game.OpenQuestion(s.id, s.questionIndex, s.revealedAt) "
			+ "from GameSession s where s.status = dev.vanguard.session.game.SessionStatus.REVEAL "
			+ "and s.autoAdvance = true and s.revealedAt <= :revealedBefore")
	List<OpenQuestion> findRevealsToAdvance(Instant revealedBefore);

}
