package dev.vanguard.contracts;

import java.time.Duration;
import java.util.UUID;

/**
 * The Redis key layout of one session: every key lives under
 * {@code vanguard:session:{id}:} and expires after the session ends. session-service and
 * realtime-service meet here, so this class is the contract; {@code docs/protocol.md}
 * describes the same layout for people.
 *
 * <p>
 * Who writes what: session-service writes {@link #players()} and {@link #kicked()} when a
 * player joins or is kicked (before the event is published, so a fresh token is valid at
 * once) and reads {@link #answers(int)}, {@link #online()} and {@link #scores()};
 * realtime-service writes everything else, applying session events in {@code seq} order
 * and recording answers.
 *
 * @param sessionId the session the keys belong to
 */
public record SessionKeys(UUID sessionId) {

	/** The prefix of every Vanguard session key. */
	public static final String PREFIX = "vanguard:session:";

	/** How long a session's keys live after it ends (and at most, as a safety net). */
	public static final Duration TTL_AFTER_END = Duration.ofHours(1);

	/**
	 * Every session key gets at least this time to live, so nothing is left behind
	 * forever.
	 */
	public static final Duration MAX_LIFETIME = Duration.ofHours(24);

	public static SessionKeys of(UUID sessionId) {
		return new SessionKeys(sessionId);
	}

	/** {@code vanguard:session:{id}:} */
	public String prefix() {
		return PREFIX + this.sessionId + ":";
	}

	/**
	 * Hash, the session's live state as realtime-service last applied it: {@code status}
	 * (LOBBY, QUESTION, REVEAL, PODIUM, ENDED), {@code seq} (last applied event),
	 * {@code hostId}, {@code pin}, {@code title}, {@code questionCount},
	 * {@code questionIndex} (-1 in the lobby), {@code startedAt} and {@code deadline}
	 * (epoch milliseconds of the open or last question).
	 */
	public String state() {
		return prefix() + "state";
	}

	/**
	 * String, the JSON of {@code QuestionStarted.Question} for question {@code index},
	 * answers included: it never leaves the services.
	 */
	public String question(int index) {
		return prefix() + "question:" + index;
	}

	/** Hash, player id → nickname, of every player who joined and was not kicked. */
	public String players() {
		return prefix() + "players";
	}

	/**
	 * Hash of the host's lobby controls, written by session-service: {@code locked},
	 * {@code maxPlayers} (absent: no cap), {@code twoStepJoin}, {@code joinPattern} (the
	 * shapes, comma-separated; absent without two-step join). For the host's catch-up.
	 */
	public String lobby() {
		return prefix() + "lobby";
	}

	/** Set of the ids of kicked players, whose tokens are dead. */
	public String kicked() {
		return prefix() + "kicked";
	}

	/**
	 * Hash, player id → number of open sockets; a player is online while the count is
	 * above 0. realtime-service keeps it equal to the sum of the live per-instance counts
	 * ({@link #online(String)}), so the sockets of an instance that died without closing
	 * them stop counting within about 16 s.
	 */
	public String online() {
		return prefix() + "online";
	}

	/**
	 * Hash, player id → open sockets on realtime instance {@code instanceId}, plus the
	 * field {@code -} while the instance holds sockets of the session; it expires unless
	 * the instance's heartbeat refreshes it, which is how a crashed instance's players
	 * leave {@link #online()}. Only realtime-service reads or writes it.
	 */
	public String online(String instanceId) {
		return prefix() + "online:" + instanceId;
	}

	/**
	 * Set of the ids of the realtime instances that may have an {@link #online(String)}
	 * hash for this session (an id whose hash has expired is removed when next seen).
	 */
	public String onlineInstances() {
		return prefix() + "online-instances";
	}

	/**
	 * Hash, player id → JSON answer record of question {@code index}: {@code options}
	 * (chosen option indexes, for option types), {@code text} (typed answer, for
	 * type-the-answer), {@code correct} (boolean; false for a poll), {@code points},
	 * {@code streak}, {@code responseMs} (server-measured time from question start) and
	 * {@code answeredAt} (epoch milliseconds). Written once per player by the answer
	 * script.
	 */
	public String answers(int index) {
		return prefix() + "answers:" + index;
	}

	/**
	 * Hash, option index (or {@code correct} / {@code incorrect} for type-the-answer) →
	 * number of players who chose it, for question {@code index}.
	 */
	public String distribution(int index) {
		return prefix() + "distribution:" + index;
	}

	/** Sorted set, player id → total score; the leaderboard. */
	public String scores() {
		return prefix() + "scores";
	}

	/** Hash, player id → current streak of correct answers. */
	public String streaks() {
		return prefix() + "streaks";
	}

	/**
	 * Hash, player id → JSON {@code {score, rank, streak}} as of the last reveal: what a
	 * player is shown of their own standing until the next reveal, so that a reload
	 * during a question does not tell whether the answer just given was right.
	 */
	public String standings() {
		return prefix() + "standings";
	}

	/**
	 * String, the JSON of the last reveal frame, for the catch-up of a client that
	 * reconnects.
	 */
	public String lastReveal() {
		return prefix() + "reveal";
	}

	/**
	 * The Pub/Sub channel on which every realtime instance hears this session's
	 * broadcasts.
	 */
	public String channel() {
		return prefix() + "events";
	}

	/** The pattern that matches every key of this session (for clean-up and expiry). */
	public String pattern() {
		return prefix() + "*";
	}

}
