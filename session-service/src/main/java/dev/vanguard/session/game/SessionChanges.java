package dev.vanguard.session.game;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.support.ProblemException;

/**
 * What every change of a session needs, whichever feature makes it: the session under its
 * row lock, the host check, the time of the change and the event it publishes (which the
 * outbox stores in the same transaction). The lobby and the game both change a session
 * through here, so there is one way to lock one and one clock for its events.
 */
@Component
public class SessionChanges {

	private final GameSessionRepository sessions;

	private final EntityManager entityManager;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SessionChanges(GameSessionRepository sessions, EntityManager entityManager, ApplicationEventPublisher events,
			Clock clock) {
		this.sessions = sessions;
		this.entityManager = entityManager;
		this.events = events;
		this.clock = clock;
	}

	/** The live (not ended) session with this PIN, read without a lock. */
	public Optional<GameSession> findLive(String pin) {
		return this.sessions.findLiveIdByPin(pin).flatMap(this.sessions::findById);
	}

	/**
	 * The session with this PIN under its row lock, read once: the caller checks it did
	 * not end between finding the PIN and taking the lock.
	 */
	public Optional<GameSession> lockLive(String pin) {
		return this.sessions.findLiveIdByPin(pin).flatMap(this.sessions::findForUpdate);
	}

	/** The session under its row lock, for its host only. */
	public GameSession lockHosted(UUID sessionId, UUID hostId) {
		GameSession session = this.sessions.findForUpdate(sessionId).orElseThrow(() -> unknownSession(sessionId));
		checkHost(session, hostId);
		return session;
	}

	/**
	 * Reads a session read without a lock again, now under its row lock. The lock is
	 * PESSIMISTIC_WRITE, on PostgreSQL {@code FOR NO KEY UPDATE}: it does not conflict
	 * with the key-share lock a player's foreign key takes on the session row.
	 */
	public void lock(GameSession session) {
		this.entityManager.refresh(session, LockModeType.PESSIMISTIC_WRITE);
	}

	public void publish(SessionEvent event) {
		this.events.publishEvent(event);
	}

	/** Millisecond precision: what PostgreSQL, Redis and the clients all keep. */
	public Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/** Runs {@code action} once the current transaction has committed. */
	public static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	static void checkHost(GameSession session, UUID hostId) {
		if (!session.isHostedBy(hostId)) {
			throw ProblemException.forbidden("Only the host of this session may do this.");
		}
	}

	static ProblemException unknownSession(UUID sessionId) {
		return ProblemException.notFound("No session " + sessionId + ".");
	}

}
