package dev.vanguard.session.game;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.vanguard.contracts.events.PodiumShown;
import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEnded;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.session.player.NicknameBans;
import dev.vanguard.session.player.PlayerRepository;
import dev.vanguard.session.live.SessionRoster;

/**
 * The game as the host and the server clock drive it: start, reveal, next, skip, end, and
 * the clock's closes, advances and idle ends. Each change runs in one transaction holding
 * the session's row lock ({@link SessionChanges}): the session checks the change fits its
 * state, applies it and takes the next seq, and the event is published, which the outbox
 * stores in the same transaction. So events of a session are numbered without gaps, a
 * rolled-back change publishes nothing, and a change applies once even when several
 * instances (or the host and the clock) try at the same moment. Opening a session is
 * {@link SessionOpening}'s, the lobby's changes are the lobby package's.
 */
@Service
class GameService {

	private static final Logger log = LoggerFactory.getLogger(GameService.class);

	private final GameSessionRepository sessions;

	private final SessionChanges changes;

	private final PlayerRepository players;

	private final NicknameBans bans;

	private final SessionRoster roster;

	private final ResultsKeeping results;

	private final SessionMetrics metrics;

	private final JsonMapper jsonMapper;

	private final GameProperties properties;

	GameService(GameSessionRepository sessions, SessionChanges changes, PlayerRepository players, NicknameBans bans,
			SessionRoster roster, ResultsKeeping results, SessionMetrics metrics, JsonMapper jsonMapper,
			GameProperties properties) {
		this.sessions = sessions;
		this.changes = changes;
		this.players = players;
		this.bans = bans;
		this.roster = roster;
		this.results = results;
		this.metrics = metrics;
		this.jsonMapper = jsonMapper;
		this.properties = properties;
	}

	// ---- host controls
	// -------------------------------------------------------------------

	@Transactional
	Views.SessionState start(UUID sessionId, UUID hostId) {
		GameSession session = lockHosted(sessionId, hostId);
		List<QuestionStarted.Question> questions = questions(session);
		Instant now = now();
		session.start(now, timeLimit(questions, 0));
		questionStarted(session, questions, now);
		afterCommit(() -> {
			this.metrics.sessionStarted();
			log.info("Session {} started by its host", sessionId);
		});
		return Views.SessionState.of(session);
	}

	@Transactional
	Views.SessionState reveal(UUID sessionId, UUID hostId) {
		GameSession session = lockHosted(sessionId, hostId);
		Instant now = now();
		session.reveal(now);
		questionClosed(session, now, QuestionEnded.Reason.HOST);
		return Views.SessionState.of(session);
	}

	@Transactional
	Views.SessionState next(UUID sessionId, UUID hostId) {
		GameSession session = lockHosted(sessionId, hostId);
		List<QuestionStarted.Question> questions = questions(session);
		Instant now = now();
		session.next(now, (index) -> timeLimit(questions, index));
		movedOn(session, questions, now);
		return Views.SessionState.of(session);
	}

	@Transactional
	Views.SessionState skip(UUID sessionId, UUID hostId) {
		GameSession session = lockHosted(sessionId, hostId);
		Instant now = now();
		session.skip(now);
		questionClosed(session, now, QuestionEnded.Reason.SKIPPED);
		advance(session);
		return Views.SessionState.of(session);
	}

	@Transactional
	Views.SessionState end(UUID sessionId, UUID hostId) {
		GameSession session = lockHosted(sessionId, hostId);
		endNow(session);
		return Views.SessionState.of(session);
	}

	/**
	 * Ends a session idle too long (nothing published since {@code lobbySince} for a
	 * lobby, since {@code gameSince} for a started game), as the host would: results
	 * stored, PIN freed. False when it ended or saw activity meanwhile.
	 */
	@Transactional
	boolean endIfIdle(UUID sessionId, Instant lobbySince, Instant gameSince) {
		GameSession session = this.sessions.findForUpdate(sessionId).orElse(null);
		if (session == null || session.isEnded() || !session.isIdleSince(lobbySince, gameSince)) {
			return false;
		}
		endNow(session);
		return true;
	}

	/** Ends the session (refused once it ended), as the host would. */
	void endNow(GameSession session) {
		UUID sessionId = session.getId();
		Instant now = now();
		boolean questionWasOpen = session.isQuestionOpen();
		session.end(now);
		if (questionWasOpen) {
			// close first, then read: what the phones' podium shows is what is stored
			this.roster.closeAnswers(sessionId, session.getQuestionIndex());
		}
		boolean live = this.results.record(sessionId, playedQuestions(session), this.players.findActive(sessionId));
		if (!live && session.markLiveStateLost()) {
			log.warn("Session {} ended without its live state in Redis; its results hold the answers kept so far",
					sessionId);
		}
		this.roster.expireAfterEnd(sessionId);
		publish(new SessionEnded(sessionId, session.nextSeq(now), now));
		afterCommit(() -> {
			this.metrics.sessionEnded();
			log.info("Session {} ended", sessionId);
		});
	}

	// ---- the server clock
	// ----------------------------------------------------------------

	/**
	 * Closes question {@code index} if it is still open; false when someone (another
	 * instance, the host) was first, or its deadline has not come for a DEADLINE close.
	 */
	@Transactional
	boolean closeIfOpen(UUID sessionId, int index, QuestionEnded.Reason reason) {
		GameSession session = this.sessions.findForUpdate(sessionId).orElse(null);
		if (session == null || !session.isQuestionOpen(index)) {
			return false;
		}
		Instant now = now();
		if (reason == QuestionEnded.Reason.DEADLINE && !timeIsUp(session, now)) {
			return false;
		}
		session.closeQuestion(now);
		questionClosed(session, now, reason);
		return true;
	}

	/**
	 * Whether the open question's time is up. It runs from when the question can reach
	 * the phones: realtime-service moves its start and deadline in Redis when it applies
	 * the question late (after a broker outage), and the clock takes the move over here,
	 * once, when the deadline it had passes. A question not applied yet is held open, but
	 * only {@code questionDeliveryTimeout} past its deadline, so a game never waits for
	 * an event that cannot arrive. Without its state in Redis the database's deadline
	 * counts.
	 */
	private boolean timeIsUp(GameSession session, Instant now) {
		if (!session.isPastDeadline(now, Duration.ZERO)) {
			return false;
		}
		SessionRoster.LiveQuestion live = this.roster.liveQuestion(session.getId(), session.getQuestionIndex());
		if (live instanceof SessionRoster.LiveQuestion.Open open
				&& session.moveQuestionTime(open.startedAt(), open.deadline())) {
			log.info("Question {} of session {} reached the phones late; its deadline moved to {}",
					session.getQuestionIndex(), session.getId(), open.deadline());
			return session.isPastDeadline(now, Duration.ZERO);
		}
		if (live instanceof SessionRoster.LiveQuestion.NotReached) {
			return session.isPastDeadline(now, this.properties.questionDeliveryTimeout());
		}
		return true;
	}

	/** Moves an auto-advancing session on from the reveal of question {@code index}. */
	@Transactional
	boolean advanceIfRevealed(UUID sessionId, int index) {
		GameSession session = this.sessions.findForUpdate(sessionId).orElse(null);
		if (session == null || !session.awaitsAutoAdvance(index)) {
			return false;
		}
		advance(session);
		return true;
	}

	// ---- reading
	// -------------------------------------------------------------------------

	@Transactional(readOnly = true)
	Views.SessionDetails details(UUID sessionId, UUID hostId) {
		GameSession session = hosted(sessionId, hostId);
		return Views.SessionDetails.of(session, this.players.findActive(sessionId), this.bans.list(sessionId));
	}

	@Transactional(readOnly = true)
	GameSession hosted(UUID sessionId, UUID hostId) {
		GameSession session = this.sessions.findById(sessionId)
			.orElseThrow(() -> SessionChanges.unknownSession(sessionId));
		SessionChanges.checkHost(session, hostId);
		return session;
	}

	List<QuestionStarted.Question> questions(GameSession session) {
		return this.jsonMapper.readValue(session.getQuizSnapshot(), QuizSnapshot.class).questions();
	}

	/** How many questions were opened: those can have answers. */
	static int playedQuestions(GameSession session) {
		return Math.min(session.getQuestionIndex() + 1, session.getQuestionCount());
	}

	// ---- helpers
	// -------------------------------------------------------------------------

	private static Duration timeLimit(List<QuestionStarted.Question> questions, int index) {
		return Duration.ofSeconds(questions.get(index).timeLimitSeconds());
	}

	/** Publishes the question the session just opened. */
	private void questionStarted(GameSession session, List<QuestionStarted.Question> questions, Instant now) {
		int index = session.getQuestionIndex();
		publish(new QuestionStarted(session.getId(), session.nextSeq(now), now, index, session.getQuestionCount(),
				questions.get(index), now, session.getQuestionDeadline()));
		afterCommit(this.metrics::questionOpened);
	}

	/** The answers to the question the session just closed: kept, and published. */
	private void questionClosed(GameSession session, Instant now, QuestionEnded.Reason reason) {
		// at once, not when the QuestionEnded is applied (a broker outage can delay that)
		this.roster.closeAnswers(session.getId(), session.getQuestionIndex());
		this.results.keepAnswers(session.getId(), session.getQuestionIndex());
		publish(new QuestionEnded(session.getId(), session.nextSeq(now), now, session.getQuestionIndex(), reason));
	}

	/** From a closed question to the next one, or to the podium after the last. */
	private void advance(GameSession session) {
		List<QuestionStarted.Question> questions = questions(session);
		Instant now = now();
		session.advance(now, (index) -> timeLimit(questions, index));
		movedOn(session, questions, now);
	}

	/** Publishes where {@link GameSession#advance} took the session. */
	private void movedOn(GameSession session, List<QuestionStarted.Question> questions, Instant now) {
		if (session.isQuestionOpen()) {
			questionStarted(session, questions, now);
		}
		else {
			publish(new PodiumShown(session.getId(), session.nextSeq(now), now));
		}
	}

	private GameSession lockHosted(UUID sessionId, UUID hostId) {
		return this.changes.lockHosted(sessionId, hostId);
	}

	private void publish(SessionEvent event) {
		this.changes.publish(event);
	}

	private Instant now() {
		return this.changes.now();
	}

	private static void afterCommit(Runnable action) {
		SessionChanges.afterCommit(action);
	}

}
