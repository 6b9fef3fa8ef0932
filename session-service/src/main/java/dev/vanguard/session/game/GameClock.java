package dev.vanguard.session.game;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.session.live.SessionRoster;

/**
 * The server's clock. Several times a second it closes every open question whose deadline
 * passed, or whose online players have all answered, and moves auto-advancing sessions on
 * after their reveal. Every instance runs it; each change is conditional under the
 * session's row lock ({@link GameService#closeIfOpen}), so it happens once.
 */
@Component
class GameClock {

	private static final Logger log = LoggerFactory.getLogger(GameClock.class);

	/**
	 * How long a new session's state may take to reach Redis before it counts as lost.
	 */
	static final Duration NEW_SESSION_GRACE = Duration.ofSeconds(10);

	private final GameSessionRepository sessions;

	private final GameService game;

	private final SessionRoster roster;

	private final LiveStateRebuild rebuild;

	private final LiveStateRepair repair;

	private final GameProperties properties;

	private final Clock clock;

	/**
	 * Per open question, the players this instance saw online during it: the ones an
	 * early close waits for ({@link SessionRoster#allOnlinePlayersAnswered}).
	 */
	private final Map<OpenQuestion.Key, Set<Object>> seenOnline = new ConcurrentHashMap<>();

	GameClock(GameSessionRepository sessions, GameService game, SessionRoster roster, LiveStateRebuild rebuild,
			LiveStateRepair repair, GameProperties properties, Clock clock) {
		this.sessions = sessions;
		this.game = game;
		this.roster = roster;
		this.rebuild = rebuild;
		this.repair = repair;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${vanguard.session.clock-interval:200ms}")
	void tick() {
		Instant now = this.clock.instant();
		List<OpenQuestion> open = this.sessions.findOpenQuestions();
		this.seenOnline.keySet().retainAll(open.stream().map(OpenQuestion::key).toList());
		for (OpenQuestion question : open) {
			try {
				closeIfDue(question, now);
			}
			catch (RuntimeException ex) {
				log.warn("Could not close question {} of session {}", question.index(), question.sessionId(), ex);
			}
		}
		for (OpenQuestion reveal : this.sessions.findRevealsToAdvance(now.minus(this.properties.autoAdvanceDelay()))) {
			try {
				this.game.advanceIfRevealed(reveal.sessionId(), reveal.index());
			}
			catch (RuntimeException ex) {
				log.warn("Could not advance session {} after question {}", reveal.sessionId(), reveal.index(), ex);
			}
		}
	}

	/**
	 * Ends lobbies and games left idle (nobody ended them): their PINs come free and
	 * their results are stored, as if the host had ended them.
	 */
	@Scheduled(fixedDelayString = "${vanguard.session.idle-check-interval:1m}")
	void endIdleSessions() {
		Instant now = this.clock.instant();
		Instant lobbySince = now.minus(this.properties.lobbyIdleTimeout());
		Instant gameSince = now.minus(this.properties.gameIdleTimeout());
		for (UUID session : this.sessions.findIdle(lobbySince, gameSince)) {
			try {
				this.game.endIfIdle(session, lobbySince, gameSince);
			}
			catch (RuntimeException ex) {
				log.warn("Could not end idle session {}", session, ex);
			}
		}
	}

	/**
	 * Rebuilds live sessions whose state Redis lost (it came back empty, or the state
	 * expired), so no game hangs on events nobody can apply. A session younger than
	 * {@link #NEW_SESSION_GRACE} is left alone: its first event may still be on its way.
	 */
	@Scheduled(fixedDelayString = "${vanguard.session.live-state-check-interval:1s}")
	void rebuildLostLiveState() {
		rebuildLostLiveState(this.clock.instant().minus(NEW_SESSION_GRACE));
	}

	void rebuildLostLiveState(Instant createdBefore) {
		for (UUID session : this.sessions.findLiveCreatedBefore(createdBefore)) {
			try {
				if (!this.roster.hasLiveState(session)) {
					this.repair.attempt(session, () -> this.rebuild.rebuildIfLost(session));
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not rebuild the live state of session {}", session, ex);
			}
		}
	}

	/**
	 * Closes the question if its time is up or everyone seen online during it answered.
	 */
	boolean closeIfDue(OpenQuestion question, Instant now) {
		if (!question.until().isAfter(now)) {
			return this.game.closeIfOpen(question.sessionId(), question.index(), QuestionEnded.Reason.DEADLINE);
		}
		Set<Object> seen = this.seenOnline.computeIfAbsent(question.key(), (key) -> ConcurrentHashMap.newKeySet());
		if (this.roster.allOnlinePlayersAnswered(question.sessionId(), question.index(), seen)) {
			return this.game.closeIfOpen(question.sessionId(), question.index(), QuestionEnded.Reason.ALL_ANSWERED);
		}
		return false;
	}

}
