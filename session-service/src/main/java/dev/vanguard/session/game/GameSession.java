package dev.vanguard.session.game;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One game: its state machine and the sequence number of its events. Every change goes
 * through a method here that checks the change fits the current state; the caller holds
 * the row lock, so two instances never apply the same change twice.
 */
@Entity
@Table(name = "game_sessions")
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

	/** The host's lobby controls; a new pattern whenever two-step join is turned on. */
	public void configureLobby(boolean locked, Integer maxPlayers, boolean twoStepJoin, boolean friendlyNicknames) {
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

	/** LOBBY → QUESTION(0), or REVEAL(n) → QUESTION(n+1). */
	void openQuestion(int index, Instant now, Duration timeLimit) {
		if (this.status == SessionStatus.LOBBY) {
			this.startedAt = now;
		}
		this.status = SessionStatus.QUESTION;
		this.questionIndex = index;
		this.questionStartedAt = now;
		this.questionDeadline = now.plus(timeLimit);
		this.revealedAt = null;
	}

	/**
	 * The open question reached the phones late: its time runs from then. Only ever
	 * later, so taking the same move over twice changes nothing.
	 */
	void moveQuestionTime(Instant startedAt, Instant deadline) {
		require(SessionStatus.QUESTION, "move the question's time");
		if (deadline.isAfter(this.questionDeadline)) {
			this.questionStartedAt = startedAt;
			this.questionDeadline = deadline;
		}
	}

	/** QUESTION(n) → REVEAL(n). */
	void closeQuestion(Instant now) {
		require(SessionStatus.QUESTION, "close the question");
		this.status = SessionStatus.REVEAL;
		this.revealedAt = now;
		// a question closed early ends now: answers after this are late
		if (this.questionDeadline.isAfter(now)) {
			this.questionDeadline = now;
		}
	}

	void markLiveStateLost() {
		this.liveStateLost = true;
	}

	boolean isLiveStateLost() {
		return this.liveStateLost;
	}

	void showPodium() {
		this.status = SessionStatus.PODIUM;
	}

	void end(Instant now) {
		if (this.status == SessionStatus.ENDED) {
			throw SessionStateException.invalid("The session has already ended.");
		}
		this.status = SessionStatus.ENDED;
		this.endedAt = now;
	}

	boolean hasNextQuestion() {
		return this.questionIndex + 1 < this.questionCount;
	}

	/**
	 * Refuses any change once the session has ended, with {@code refusal} as the detail.
	 */
	public void requireNotEnded(String refusal) {
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

	void require(SessionStatus expected, String action) {
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
