package dev.vanguard.session.game;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;

/**
 * One game: its state machine and the sequence number of its events. Every change goes
 * through a method here that checks the change fits the current state; the caller holds
 * the row lock, so two instances never apply the same change twice.
 *
 * <p>
 * Updated column by column ({@code @DynamicUpdate}): a host's click changes a few fields,
 * and writing every column would send the quiz's snapshot (jsonb, tens of KB for a long
 * quiz) back with each click, for PostgreSQL to parse and store again.
 */
@Entity
@Table(name = "game_sessions")
@DynamicUpdate
public class GameSession {

	@Id
	private UUID id;

	private UUID hostId;

	private UUID quizId;

	private String quizTitle;

	private String pin;

	@Enumerated(EnumType.STRING)
	private SessionStatus status;

	private int questionCount;

	/** The open or last question, -1 before the first. */
	private int questionIndex;

	private Instant questionStartedAt;

	private Instant questionDeadline;

	private Instant revealedAt;

	private boolean randomiseOptions;

	private boolean lateJoin;

	private boolean autoAdvance;

	/** The host refuses new joins. */
	private boolean locked;

	/** At most this many players in at once; null: no cap. */
	private Integer maxPlayers;

	private boolean twoStepJoin;

	/** With two-step join: the shapes a join must name, comma-separated. */
	private String joinPattern;

	/** The server names joining players (adjective + animal). */
	private boolean friendlyNicknames;

	@Column(columnDefinition = "jsonb")
	@ColumnTransformer(write = "?::jsonb")
	private String quizSnapshot;

	/** The seq of the last event published for this session; the next one is +1. */
	private long lastSeq;

	/** When the last event was published: how long the session has been idle. */
	private Instant lastActivityAt;

	/** Its live state in Redis was lost while it ran: the results say so. */
	private boolean liveStateLost;

	private Instant createdAt;

	private Instant startedAt;

	private Instant endedAt;

	protected GameSession() {
	}

	GameSession(UUID id, UUID hostId, QuizSnapshot quiz, String snapshotJson, String pin, Settings settings,
			Instant now) {
		this.id = id;
		this.hostId = hostId;
		this.quizId = quiz.quizId();
		this.quizTitle = quiz.title();
		this.pin = pin;
		this.status = SessionStatus.LOBBY;
		this.questionCount = quiz.questions().size();
		this.questionIndex = -1;
		this.randomiseOptions = settings.randomiseOptions();
		this.lateJoin = settings.lateJoin();
		this.autoAdvance = settings.autoAdvance();
		this.quizSnapshot = snapshotJson;
		this.lastSeq = 0;
		this.createdAt = now;
		this.lastActivityAt = now;
	}

	/**
	 * Takes the next sequence number for an event of this session, published at
	 * {@code now}.
	 */
	public long nextSeq(Instant now) {
		this.lastActivityAt = now;
		return ++this.lastSeq;
	}

	boolean isHostedBy(UUID host) {
		return this.hostId.equals(host);
	}

	/** Whether a player may join now: in the lobby, or mid-game when late join is on. */
	public boolean isJoinable() {
		if (this.locked) {
			return false;
		}
		return switch (this.status) {
			case LOBBY -> true;
			case QUESTION, REVEAL -> this.lateJoin;
			case PODIUM, ENDED -> false;
		};
	}

	/**
	 * The host's lobby controls, until the session ends; a new pattern whenever two-step
	 * join is turned on.
	 */
	public void configureLobby(boolean locked, Integer maxPlayers, boolean twoStepJoin, boolean friendlyNicknames) {
		requireNotEnded("The session has ended; its lobby cannot change.");
		this.locked = locked;
		this.friendlyNicknames = friendlyNicknames;
		this.maxPlayers = maxPlayers;
		if (twoStepJoin && !this.twoStepJoin) {
			this.joinPattern = JoinPattern.generate();
		}
		else if (!twoStepJoin) {
			this.joinPattern = null;
		}
		this.twoStepJoin = twoStepJoin;
	}

	/** The host may remove players until the session ends. */
	public void checkPlayerRemovable() {
		requireNotEnded("The session has ended; players can no longer be removed.");
	}

	/** The host may ban nicknames until the session ends. */
	public void checkNicknameBannable() {
		requireNotEnded("The session has ended; nothing can be banned from it.");
	}

	/** Whether a lobby capped by the host has no room beside {@code activePlayers}. */
	public boolean isFull(long activePlayers) {
		return this.maxPlayers != null && activePlayers >= this.maxPlayers;
	}

	public void checkJoinable() {
		if (this.locked && this.status != SessionStatus.PODIUM && this.status != SessionStatus.ENDED) {
			throw SessionStateException.lobbyLocked("The host has locked this game; nobody can join it now.");
		}
		if (this.status == SessionStatus.LOBBY || isJoinable()) {
			return;
		}
		if (this.status == SessionStatus.QUESTION || this.status == SessionStatus.REVEAL) {
			throw SessionStateException.invalid(
					"The game has already started (" + describe() + ") and this session does not allow late joining.");
		}
		throw SessionStateException.invalid("The game is over (" + describe() + "); it cannot be joined.");
	}

	/** The host starts the game: LOBBY → QUESTION(0), open for {@code timeLimit}. */
	void start(Instant now, Duration timeLimit) {
		require(SessionStatus.LOBBY, "start");
		this.startedAt = now;
		openQuestion(0, now, timeLimit);
	}

	/** The host closes the open question early: QUESTION(n) → REVEAL(n). */
	void reveal(Instant now) {
		closeQuestion("reveal", now);
	}

	/**
	 * The host skips the open question: QUESTION(n) → REVEAL(n), then {@link #advance}.
	 */
	void skip(Instant now) {
		closeQuestion("skip", now);
	}

	/** The clock closes the open question: QUESTION(n) → REVEAL(n). */
	void closeQuestion(Instant now) {
		closeQuestion("close the question", now);
	}

	/** The host moves on from a reveal: see {@link #advance}. */
	void next(Instant now, IntFunction<Duration> timeLimits) {
		moveOn("go to the next question", now, timeLimits);
	}

	/**
	 * From the reveal of question n to question n+1 (open for its time limit), or to the
	 * podium after the last: REVEAL(n) → QUESTION(n+1) | PODIUM.
	 */
	void advance(Instant now, IntFunction<Duration> timeLimits) {
		moveOn("move on", now, timeLimits);
	}

	private void moveOn(String action, Instant now, IntFunction<Duration> timeLimits) {
		require(SessionStatus.REVEAL, action);
		int next = this.questionIndex + 1;
		if (next < this.questionCount) {
			openQuestion(next, now, timeLimits.apply(next));
		}
		else {
			this.status = SessionStatus.PODIUM;
		}
	}

	private void openQuestion(int index, Instant now, Duration timeLimit) {
		this.status = SessionStatus.QUESTION;
		this.questionIndex = index;
		this.questionStartedAt = now;
		this.questionDeadline = now.plus(timeLimit);
		this.revealedAt = null;
	}

	/**
	 * The open question reached the phones late: its time runs from then. Only ever
	 * later, so taking the same move over twice changes nothing.
	 * @return whether the time moved
	 */
	boolean moveQuestionTime(Instant startedAt, Instant deadline) {
		require(SessionStatus.QUESTION, "move the question's time");
		if (!deadline.isAfter(this.questionDeadline)) {
			return false;
		}
		this.questionStartedAt = startedAt;
		this.questionDeadline = deadline;
		return true;
	}

	/**
	 * Whether the open question's time, and {@code grace} after it, is up at {@code now}.
	 */
	boolean isPastDeadline(Instant now, Duration grace) {
		return !this.questionDeadline.plus(grace).isAfter(now);
	}

	/** QUESTION(n) → REVEAL(n). */
	private void closeQuestion(String action, Instant now) {
		require(SessionStatus.QUESTION, action);
		this.status = SessionStatus.REVEAL;
		this.revealedAt = now;
		// a question closed early ends now: answers after this are late
		if (this.questionDeadline.isAfter(now)) {
			this.questionDeadline = now;
		}
	}

	/**
	 * Marks a started game whose live state in Redis was lost; a lobby has no answers to
	 * lose.
	 * @return whether it was marked
	 */
	boolean markLiveStateLost() {
		if (this.startedAt == null) {
			return false;
		}
		this.liveStateLost = true;
		return true;
	}

	boolean isLiveStateLost() {
		return this.liveStateLost;
	}

	/** Any state but ENDED → ENDED. */
	void end(Instant now) {
		if (this.status == SessionStatus.ENDED) {
			throw SessionStateException.invalid("The session has already ended.");
		}
		this.status = SessionStatus.ENDED;
		this.endedAt = now;
	}

	/**
	 * Refuses any change once the session has ended, with {@code refusal} as the detail.
	 */
	private void requireNotEnded(String refusal) {
		if (isEnded()) {
			throw SessionStateException.invalid(refusal);
		}
	}

	/**
	 * With two-step join: whether {@code guess} names the pattern on the host's screen.
	 */
	public boolean isJoinPattern(List<String> guess) {
		return JoinPattern.matches(this.joinPattern, guess);
	}

	public boolean isEnded() {
		return this.status == SessionStatus.ENDED;
	}

	/** Whether a question is open, taking answers. */
	boolean isQuestionOpen() {
		return this.status == SessionStatus.QUESTION;
	}

	/** Whether question {@code index} is the open one, taking answers. */
	boolean isQuestionOpen(int index) {
		return this.status == SessionStatus.QUESTION && this.questionIndex == index;
	}

	/**
	 * Whether the clock moves the session on from the reveal of question {@code index}.
	 */
	boolean awaitsAutoAdvance(int index) {
		return this.status == SessionStatus.REVEAL && this.questionIndex == index && this.autoAdvance;
	}

	/**
	 * Whether nothing was published since {@code lobbySince} (for a lobby) or
	 * {@code gameSince} (for a started game).
	 */
	boolean isIdleSince(Instant lobbySince, Instant gameSince) {
		Instant idleSince = (this.status == SessionStatus.LOBBY) ? lobbySince : gameSince;
		return this.lastActivityAt.isBefore(idleSince);
	}

	private void require(SessionStatus expected, String action) {
		if (this.status != expected) {
			throw SessionStateException
				.invalid("Cannot " + action + ": the session is in " + describe() + ", this needs " + expected + ".");
		}
	}

	/** The state in words, for 409 details: {@code QUESTION (question 2 of 5)}. */
	String describe() {
		return switch (this.status) {
			case QUESTION, REVEAL ->
				this.status + " (question " + (this.questionIndex + 1) + " of " + this.questionCount + ")";
			default -> this.status.name();
		};
	}

	public UUID getId() {
		return this.id;
	}

	UUID getHostId() {
		return this.hostId;
	}

	UUID getQuizId() {
		return this.quizId;
	}

	public String getQuizTitle() {
		return this.quizTitle;
	}

	String getPin() {
		return this.pin;
	}

	public SessionStatus getStatus() {
		return this.status;
	}

	int getQuestionCount() {
		return this.questionCount;
	}

	int getQuestionIndex() {
		return this.questionIndex;
	}

	Instant getQuestionStartedAt() {
		return this.questionStartedAt;
	}

	Instant getQuestionDeadline() {
		return this.questionDeadline;
	}

	Instant getRevealedAt() {
		return this.revealedAt;
	}

	Settings getSettings() {
		return new Settings(this.randomiseOptions, this.lateJoin, this.autoAdvance);
	}

	public boolean isLocked() {
		return this.locked;
	}

	public Integer getMaxPlayers() {
		return this.maxPlayers;
	}

	public boolean isTwoStepJoin() {
		return this.twoStepJoin;
	}

	public boolean isFriendlyNicknames() {
		return this.friendlyNicknames;
	}

	public String getJoinPattern() {
		return this.joinPattern;
	}

	String getQuizSnapshot() {
		return this.quizSnapshot;
	}

	long getLastSeq() {
		return this.lastSeq;
	}

	Instant getLastActivityAt() {
		return this.lastActivityAt;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getStartedAt() {
		return this.startedAt;
	}

	Instant getEndedAt() {
		return this.endedAt;
	}

}
