package dev.vanguard.session.game;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vanguard.contracts.AnswerText;
import dev.vanguard.contracts.PointsMode;
import dev.vanguard.contracts.QuestionType;
import dev.vanguard.contracts.events.PlayerKicked;
import dev.vanguard.contracts.events.PodiumShown;
import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEnded;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.session.player.PlayerTokens;
import dev.vanguard.session.quiz.QuizClient;
import dev.vanguard.session.quiz.QuizDocument;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * Owns every change of a session. Each change of an existing session runs in one
 * transaction holding the session's row lock: it checks the change fits the state,
 * applies it, takes the next seq and publishes the event, which the outbox stores in the
 * same transaction. So events of a session are numbered without gaps, a rolled-back
 * change publishes nothing, and a change applies once even when several instances (or the
 * host and the clock) try at the same moment. Opening a session ({@code create}) takes no
 * lock: the row is new, and the unique index on live PINs decides a race.
 */
@Service
class GameService {

	private static final Logger log = LoggerFactory.getLogger(GameService.class);

	private static final int PIN_ATTEMPTS = 20;

	private final GameSessionRepository sessions;

	private final PlayerRepository players;

	private final Nicknames nicknames;

	private final NicknameBans bans;

	private final EntityManager entityManager;

	private final QuizClient quizzes;

	private final PlayerTokens tokens;

	private final SessionRoster roster;

	private final ResultsRecorder results;

	private final SessionMetrics metrics;

	private final ApplicationEventPublisher events;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final GameProperties properties;

	private final TransactionTemplate transactions;

	private final SecureRandom random = new SecureRandom();

	GameService(GameSessionRepository sessions, PlayerRepository players, Nicknames nicknames, NicknameBans bans,
			EntityManager entityManager, QuizClient quizzes, PlayerTokens tokens, SessionRoster roster,
			ResultsRecorder results, SessionMetrics metrics, ApplicationEventPublisher events, JsonMapper jsonMapper,
			Clock clock, GameProperties properties, PlatformTransactionManager transactionManager) {
		this.sessions = sessions;
		this.players = players;
		this.nicknames = nicknames;
		this.bans = bans;
		this.entityManager = entityManager;
		this.quizzes = quizzes;
		this.tokens = tokens;
		this.roster = roster;
		this.results = results;
		this.metrics = metrics;
		this.events = events;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	// ---- opening a session
	// -------------------------------------------------------------

	Views.SessionCreated create(UUID hostId, String bearerToken, UUID quizId, Settings settings) {
		QuizDocument quiz = this.quizzes.fetch(quizId, bearerToken, this.tokens.answerKeyGrant(hostId, quizId));
		if (quiz.questions().isEmpty()) {
			throw new ProblemException(ProblemType.QUIZ_NOT_PLAYABLE, "Quiz not playable",
					"The quiz \"" + quiz.title() + "\" has no questions; add at least one before hosting it.");
		}
		QuizSnapshot snapshot = snapshot(quiz, settings.randomiseOptions());
		String snapshotJson = this.jsonMapper.writeValueAsString(snapshot);
		for (int attempt = 1;; attempt++) {
			try {
				return this.transactions.execute((status) -> open(hostId, snapshot, snapshotJson, settings));
			}
			catch (DataIntegrityViolationException ex) {
				// another session took the same PIN between our check and insert
				if (attempt >= 3) {
					throw ex;
				}
			}
		}
	}

	private Views.SessionCreated open(UUID hostId, QuizSnapshot snapshot, String snapshotJson, Settings settings) {
		Instant now = now();
		GameSession session = new GameSession(UUID.randomUUID(), hostId, snapshot, snapshotJson, freePin(), settings,
				now);
		this.entityManager.persist(session);
		this.entityManager.flush();
		publish(new SessionOpened(session.getId(), session.nextSeq(now), now, hostId, session.getPin(),
				session.getQuizTitle(), session.getQuestionCount()));
		afterCommit(this.metrics::sessionCreated);
		return Views.SessionCreated.of(session);
	}

	private String freePin() {
		for (int i = 0; i < PIN_ATTEMPTS; i++) {
			String pin = "%06d".formatted(this.random.nextInt(1_000_000));
			if (!this.sessions.existsLiveByPin(pin)) {
				return pin;
			}
		}
		throw new ProblemException(ProblemType.NO_FREE_PIN, "No free PIN",
				"No free game PIN was found; please try again.");
	}

	private QuizSnapshot snapshot(QuizDocument quiz, boolean randomise) {
		List<QuestionStarted.Question> questions = quiz.questions()
			.stream()
			.map((question) -> played(question, randomise))
			.toList();
		return new QuizSnapshot(quiz.id(), quiz.version(), quiz.title(), questions);
	}

	/** The question as this session plays it: options in their played order. */
	private QuestionStarted.Question played(QuizDocument.Question question, boolean randomise) {
		QuestionType type = question.type();
		List<QuizDocument.Option> options = new ArrayList<>(type.hasOptions() ? question.options() : List.of());
		// True/False keeps its order: shuffling it only confuses players
		if (randomise && type != QuestionType.TRUE_FALSE) {
			Collections.shuffle(options, this.random);
		}
		List<Integer> correct = type.isScored()
				? IntStream.range(0, options.size()).filter((i) -> options.get(i).correct()).boxed().toList()
				: List.of();
		List<String> accepted = (type == QuestionType.TYPE_ANSWER) ? question.acceptedAnswers()
			.stream()
			.map(AnswerText::normalise)
			.filter((answer) -> !answer.isEmpty())
			.distinct()
			.toList() : List.of();
		PointsMode points = (question.points() != null) ? question.points() : PointsMode.STANDARD;
		return new QuestionStarted.Question(type, question.text(), question.imageUrl(),
				Math.max(1, question.timeLimitSeconds()), type.isScored() ? points.points() : 0,
				options.stream().map(QuizDocument.Option::text).toList(), correct, accepted);
	}

	// ---- players
	// -------------------------------------------------------------------------

	// joining: JoinBatcher and JoinAdmission, which admit the joins to a session in
	// batches, one transaction and one row lock per batch

	@Transactional(readOnly = true)
	Views.PinLookup lookup(String pin) {
		UUID sessionId = this.sessions.findLiveIdByPin(pin).orElseThrow(() -> JoinAdmission.unknownPin(pin));
		GameSession session = this.sessions.findById(sessionId).orElseThrow(() -> JoinAdmission.unknownPin(pin));
		return new Views.PinLookup(session.getId(), session.isJoinable(), session.getStatus(), session.getQuizTitle(),
				session.isTwoStepJoin(), session.isFriendlyNicknames());
	}

	/**
	 * Removes a player: their token dies and their device cannot join again; with
	 * {@code banNickname} nobody can join under that nickname (or a look-alike) again.
	 */
	@Transactional
	void kick(UUID sessionId, UUID hostId, UUID playerId, boolean banNickname) {
		GameSession session = lockHosted(sessionId, hostId);
		if (session.getStatus() == SessionStatus.ENDED) {
			throw SessionStateException.invalid("The session has ended; players can no longer be removed.");
		}
		Player player = this.players.findByIdAndSessionId(playerId, sessionId)
			.filter((candidate) -> !candidate.isKicked())
			.orElseThrow(() -> ProblemException.notFound("No player " + playerId + " in this session."));
		Instant now = now();
		player.kick(now);
		if (banNickname) {
			this.bans.ban(sessionId, player.getNicknameKey(), player.getNickname(), now);
		}
		int playerCount = this.roster.kickPlayer(sessionId, playerId, player.getNickname());
		publish(new PlayerKicked(sessionId, session.nextSeq(now), now, playerId, player.getNickname(), playerCount));
		afterCommit(this.metrics::playerRemoved);
	}

	/** The host's lobby controls: lock, cap, two-step join. */
	@Transactional
	Views.Lobby configureLobby(UUID sessionId, UUID hostId, boolean locked, Integer maxPlayers, boolean twoStepJoin,
			boolean friendlyNicknames) {
		GameSession session = lockHosted(sessionId, hostId);
		if (session.getStatus() == SessionStatus.ENDED) {
			throw SessionStateException.invalid("The session has ended; its lobby cannot change.");
		}
		session.configureLobby(locked, maxPlayers, twoStepJoin, friendlyNicknames);
		this.roster.writeLobby(sessionId, session.isLocked(), session.getMaxPlayers(), session.isTwoStepJoin(),
				session.getJoinPattern());
		return Views.Lobby.of(session);
	}

	/**
	 * Bans a nickname (and its look-alikes) from the session; players already in stay.
	 */
	@Transactional
	void banNickname(UUID sessionId, UUID hostId, String nickname) {
		GameSession session = lockHosted(sessionId, hostId);
		if (session.getStatus() == SessionStatus.ENDED) {
			throw SessionStateException.invalid("The session has ended; nothing can be banned from it.");
		}
		this.bans.ban(sessionId, this.nicknames.key(nickname), nickname, now());
	}

	// ---- host controls
	// -------------------------------------------------------------------

	@Transactional
	Views.SessionState start(UUID sessionId, UUID hostId) {
		GameSession session = lockHosted(sessionId, hostId);
		session.require(SessionStatus.LOBBY, "start");
		openQuestion(session, 0);
		afterCommit(() -> {
			this.metrics.sessionStarted();
			log.info("Session {} started by its host", sessionId);
		});
		return Views.SessionState.of(session);
	}

	@Transactional
	Views.SessionState reveal(UUID sessionId, UUID hostId) {
		GameSession session = lockHosted(sessionId, hostId);
		session.require(SessionStatus.QUESTION, "reveal");
		closeQuestion(session, QuestionEnded.Reason.HOST);
		return Views.SessionState.of(session);
	}

	@Transactional
	Views.SessionState next(UUID sessionId, UUID hostId) {
		GameSession session = lockHosted(sessionId, hostId);
		session.require(SessionStatus.REVEAL, "go to the next question");
		advance(session);
		return Views.SessionState.of(session);
	}

	@Transactional
	Views.SessionState skip(UUID sessionId, UUID hostId) {
		GameSession session = lockHosted(sessionId, hostId);
		session.require(SessionStatus.QUESTION, "skip");
		closeQuestion(session, QuestionEnded.Reason.SKIPPED);
		advance(session);
		return Views.SessionState.of(session);
	}

	@Transactional
	Views.SessionState end(UUID sessionId, UUID hostId) {
		GameSession session = lockHosted(sessionId, hostId);
		if (session.getStatus() == SessionStatus.ENDED) {
			throw SessionStateException.invalid("The session has already ended.");
		}
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
		if (session == null || session.getStatus() == SessionStatus.ENDED) {
			return false;
		}
		Instant idleSince = (session.getStatus() == SessionStatus.LOBBY) ? lobbySince : gameSince;
		if (!session.getLastActivityAt().isBefore(idleSince)) {
			return false;
		}
		endNow(session);
		return true;
	}

	private void endNow(GameSession session) {
		UUID sessionId = session.getId();
		if (session.getStatus() == SessionStatus.QUESTION) {
			// close first, then read: what the phones' podium shows is what is stored
			this.roster.closeAnswers(sessionId, session.getQuestionIndex());
		}
		Instant now = now();
		boolean live = this.results.record(sessionId, playedQuestions(session), this.players.findActive(sessionId));
		if (!live && session.getStatus() != SessionStatus.LOBBY) {
			session.markLiveStateLost();
			log.warn("Session {} ended without its live state in Redis; its results hold the answers kept so far",
					sessionId);
		}
		session.end(now);
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
		if (session == null || session.getStatus() != SessionStatus.QUESTION || session.getQuestionIndex() != index) {
			return false;
		}
		if (reason == QuestionEnded.Reason.DEADLINE && !timeIsUp(session, now())) {
			return false;
		}
		closeQuestion(session, reason);
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
		if (session.getQuestionDeadline().isAfter(now)) {
			return false;
		}
		return switch (this.roster.liveQuestion(session.getId(), session.getQuestionIndex())) {
			case SessionRoster.LiveQuestion.Open open when open.deadline().isAfter(session.getQuestionDeadline()) -> {
				session.moveQuestionTime(open.startedAt(), open.deadline());
				log.info("Question {} of session {} reached the phones late; its deadline moved to {}",
						session.getQuestionIndex(), session.getId(), open.deadline());
				yield !open.deadline().isAfter(now);
			}
			case SessionRoster.LiveQuestion.NotReached notReached ->
				!now.isBefore(session.getQuestionDeadline().plus(this.properties.questionDeliveryTimeout()));
			default -> true;
		};
	}

	/** Moves an auto-advancing session on from the reveal of question {@code index}. */
	@Transactional
	boolean advanceIfRevealed(UUID sessionId, int index) {
		GameSession session = this.sessions.findForUpdate(sessionId).orElse(null);
		if (session == null || session.getStatus() != SessionStatus.REVEAL || session.getQuestionIndex() != index
				|| !session.getSettings().autoAdvance()) {
			return false;
		}
		advance(session);
		return true;
	}

	/**
	 * Writes a live session's state back into Redis when Redis lost it (it came back
	 * empty, or the state key expired): state, question, deadline, roster, kicked set and
	 * the scores and streaks up to the last reveal, with the seq of the session's last
	 * event, so every event still on its way is a duplicate rather than a gap nobody can
	 * fill. realtime-service sees the seq move and sends its phones a catch-up. A started
	 * game rebuilt so is marked: its results say its live state was lost.
	 * @return whether it wrote the state
	 */
	@Transactional
	boolean rebuildIfLost(UUID sessionId) {
		GameSession session = this.sessions.findForUpdate(sessionId).orElse(null);
		if (session == null || session.getStatus() == SessionStatus.ENDED) {
			return false;
		}
		if (!this.roster.rebuild(sessionId, liveState(session))) {
			return false;
		}
		rebuilt(session, "had no live state in Redis; rebuilt it");
		return true;
	}

	/** What a {@link #resync} did. */
	enum ResyncOutcome {

		/** Redis had no state of the session: written from the database. */
		REBUILT,

		/**
		 * Redis's state was behind the database's last event (an applied event was lost):
		 * replaced at the database's seq.
		 */
		REWRITTEN,

		/** Redis's state was at the database's seq or beyond: nothing to do. */
		UP_TO_DATE,

		/** The session has ended, or never existed: nothing to do. */
		NOT_LIVE

	}

	/**
	 * Answers realtime-service's request to resynchronise a session whose events it
	 * cannot apply. Under the session's row lock, so no change of the session (and no new
	 * seq) comes in between reading the database and writing Redis: when Redis has no
	 * state, or a state whose seq is below the session's last event, the live state is
	 * written from the database at that seq, so every event still held becomes a
	 * duplicate. The check and the write are one script in Redis, which never moves the
	 * seq backwards and keeps the answers to the open question Redis still holds.
	 * Repeating it changes nothing.
	 */
	@Transactional
	ResyncOutcome resync(UUID sessionId) {
		GameSession session = this.sessions.findForUpdate(sessionId).orElse(null);
		if (session == null || session.getStatus() == SessionStatus.ENDED) {
			return ResyncOutcome.NOT_LIVE;
		}
		return switch (this.roster.resync(sessionId, liveState(session))) {
			case REBUILT -> {
				rebuilt(session, "had no live state in Redis; rebuilt it");
				yield ResyncOutcome.REBUILT;
			}
			case REWRITTEN -> {
				rebuilt(session, "had a live state in Redis behind its last event; rewrote it");
				yield ResyncOutcome.REWRITTEN;
			}
			case NOTHING -> ResyncOutcome.UP_TO_DATE;
		};
	}

	/**
	 * After the live state was written from the database: the lobby controls too, and a
	 * started game is marked, since Redis lost what it had (a lost event can carry lost
	 * answers with it).
	 */
	private void rebuilt(GameSession session, String what) {
		this.roster.writeLobby(session.getId(), session.isLocked(), session.getMaxPlayers(), session.isTwoStepJoin(),
				session.getJoinPattern());
		if (session.getStatus() != SessionStatus.LOBBY) {
			session.markLiveStateLost();
		}
		log.warn("Session {} {} at seq {} ({})", session.getId(), what, session.getLastSeq(), session.describe());
	}

	/**
	 * The session's live state as the database knows it: state, question, deadline,
	 * roster, kicked set, and the scores and streaks as of the last reveal (from the
	 * answers kept at each close).
	 */
	private SessionRoster.LiveState liveState(GameSession session) {
		return liveState(session, true);
	}

	/**
	 * Ends a live session whose state could not be written back into Redis however often
	 * it was tried: its results are stored with what was kept, it is marked
	 * {@code liveStateLost}, and the phones are told by the usual {@link SessionEnded}.
	 * That event applies in Redis only on a state at the seq just before it, so a bare
	 * state goes first (status, seq, roster, kicked set and the kept scores, without the
	 * question, which may be what could not be read); it never moves a seq backwards.
	 * @return whether it ended the session
	 */
	@Transactional
	boolean endUnrebuildable(UUID sessionId) {
		GameSession session = this.sessions.findForUpdate(sessionId).orElse(null);
		if (session == null || session.getStatus() == SessionStatus.ENDED) {
			return false;
		}
		this.roster.resync(sessionId, liveState(session, false));
		if (session.getStatus() != SessionStatus.LOBBY) {
			session.markLiveStateLost();
		}
		log.error("Session {} ends: its live state could not be written back into Redis ({})", sessionId,
				session.describe());
		endNow(session);
		return true;
	}

	private SessionRoster.LiveState liveState(GameSession session, boolean withQuestion) {
		UUID sessionId = session.getId();
		SessionStatus status = session.getStatus();
		int index = session.getQuestionIndex();
		boolean questionShown = (status == SessionStatus.QUESTION || status == SessionStatus.REVEAL) && index >= 0;
		Map<String, String> state = new HashMap<>();
		state.put("status", status.name());
		state.put("seq", Long.toString(session.getLastSeq()));
		state.put("hostId", session.getHostId().toString());
		state.put("pin", session.getPin());
		state.put("title", session.getQuizTitle());
		state.put("questionCount", Integer.toString(session.getQuestionCount()));
		state.put("questionIndex", Integer.toString(index));
		state.put("startedAt", Long.toString(epochMillis(session.getQuestionStartedAt())));
		state.put("deadline", Long.toString(epochMillis(session.getQuestionDeadline())));
		List<Player> active = this.players.findActive(sessionId);
		Map<String, String> nicknames = new HashMap<>();
		Map<String, Long> scores = new HashMap<>();
		Map<String, Integer> streaks = new HashMap<>();
		Map<UUID, Long> kept = this.results.keptPoints(sessionId);
		// the last question revealed: a player without an answer to it lost their streak
		int revealed = (status == SessionStatus.QUESTION) ? index - 1 : index;
		Map<UUID, Integer> keptStreaks = (revealed >= 0) ? this.results.keptStreaks(sessionId, revealed) : Map.of();
		for (Player player : active) {
			nicknames.put(player.getId().toString(), player.getNickname());
			scores.put(player.getId().toString(), kept.getOrDefault(player.getId(), 0L));
			streaks.put(player.getId().toString(), keptStreaks.getOrDefault(player.getId(), 0));
		}
		List<String> kicked = this.players.findKickedIds(sessionId).stream().map(UUID::toString).toList();
		String question = (questionShown && withQuestion)
				? this.jsonMapper.writeValueAsString(questions(session).get(index)) : null;
		return new SessionRoster.LiveState(state, index, question, nicknames, kicked, scores, streaks);
	}

	private static long epochMillis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : 0;
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
		GameSession session = this.sessions.findById(sessionId).orElseThrow(() -> unknownSession(sessionId));
		checkHost(session, hostId);
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

	private void openQuestion(GameSession session, int index) {
		QuestionStarted.Question question = questions(session).get(index);
		Instant now = now();
		session.openQuestion(index, now, Duration.ofSeconds(question.timeLimitSeconds()));
		publish(new QuestionStarted(session.getId(), session.nextSeq(now), now, index, session.getQuestionCount(),
				question, now, session.getQuestionDeadline()));
		afterCommit(this.metrics::questionOpened);
	}

	private void closeQuestion(GameSession session, QuestionEnded.Reason reason) {
		// at once, not when the QuestionEnded is applied (a broker outage can delay that)
		this.roster.closeAnswers(session.getId(), session.getQuestionIndex());
		this.results.keepAnswers(session.getId(), session.getQuestionIndex());
		Instant now = now();
		session.closeQuestion(now);
		publish(new QuestionEnded(session.getId(), session.nextSeq(now), now, session.getQuestionIndex(), reason));
	}

	/** From a closed question to the next one, or to the podium after the last. */
	private void advance(GameSession session) {
		if (session.hasNextQuestion()) {
			openQuestion(session, session.getQuestionIndex() + 1);
		}
		else {
			session.showPodium();
			publish(new PodiumShown(session.getId(), session.nextSeq(now()), now()));
		}
	}

	private GameSession lockHosted(UUID sessionId, UUID hostId) {
		GameSession session = this.sessions.findForUpdate(sessionId).orElseThrow(() -> unknownSession(sessionId));
		checkHost(session, hostId);
		return session;
	}

	private static void checkHost(GameSession session, UUID hostId) {
		if (!session.isHostedBy(hostId)) {
			throw ProblemException.forbidden("Only the host of this session may do this.");
		}
	}

	private void publish(SessionEvent event) {
		this.events.publishEvent(event);
	}

	/** Millisecond precision: what PostgreSQL, Redis and the clients all keep. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	private static ProblemException unknownSession(UUID sessionId) {
		return ProblemException.notFound("No session " + sessionId + ".");
	}

}
