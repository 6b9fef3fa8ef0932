package dev.vanguard.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The Redis key layout of one session: every key lives under
 * {@code vanguard:session:{<id>}:} and expires after the session ends. The braces are
 * Redis Cluster's hash tag: only the id is hashed, so every key of a session (and its
 * Pub/Sub channel) lives in one slot, on one shard, and one script may touch them all.
 * session-service and realtime-service meet here, so this class is the contract and the
 * one place a key is spelled; {@code docs/protocol.md} describes the same layout for
 * people. Scripts get every key they touch through {@code KEYS}, never build one.
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

	/** {@code vanguard:session:{<id>}:}, with the id as the hash tag. */
	public String prefix() {
		return PREFIX + "{" + this.sessionId + "}:";
	}

	/**
	 * Hash, the session's live state as realtime-service last applied it: {@code status}
	 * (LOBBY, QUESTION, REVEAL, PODIUM, ENDED), {@code seq} (last applied event),
	 * {@code hostId}, {@code pin}, {@code title}, {@code questionCount},
	 * {@code questionIndex} (-1 in the lobby), {@code startedAt} and {@code deadline}
	 * (epoch milliseconds of the open or last question), and {@code rebuildId} (new at
	 * each rebuild of the state by session-service, absent before the first: a rebuild
	 * keeps the {@code seq}, so this is how realtime-service tells the state changed
	 * under it).
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
	 * above 0. realtime-service keeps it equal to the sum of the live instances' counts
	 * in {@link #onlineSockets()}, so the sockets of an instance that died without
	 * closing them stop counting within about 16 s.
	 */
	public String online() {
		return prefix() + "online";
	}

	/**
	 * Hash, {@code <instanceId>/<playerId>} → open sockets of the player on that realtime
	 * instance. Only realtime-service reads or writes it.
	 */
	public String onlineSockets() {
		return prefix() + "online-sockets";
	}

	/**
	 * Hash, realtime instance id → until when (epoch milliseconds, Redis's clock) its
	 * counts in {@link #onlineSockets()} hold; the instance's heartbeat extends it, and
	 * an instance whose lease ran out (it crashed) has its counts removed. Only
	 * realtime-service reads or writes it.
	 */
	public String onlineLeases() {
		return prefix() + "online-leases";
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

	/**
	 * Every key of a session of {@code questionCount} questions, the channel left out (it
	 * is not a key).
	 */
	public List<String> all(int questionCount) {
		List<String> keys = new ArrayList<>(List.of(state(), players(), kicked(), online(), onlineSockets(),
				onlineLeases(), scores(), streaks(), standings(), lastReveal()));
		for (int index = 0; index < questionCount; index++) {
			keys.add(question(index));
			keys.add(answers(index));
			keys.add(distribution(index));
		}
		return keys;
	}

	/**
	 * The session a key or channel of this layout belongs to, or null when it is not one.
	 */
	public static @Nullable UUID sessionOf(String key) {
		String start = PREFIX + "{";
		int end = key.indexOf("}:", start.length());
		if (!key.startsWith(start) || end < 0) {
			return null;
		}
		try {
			return UUID.fromString(key.substring(start.length(), end));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The pattern that matches every key of this session (for clean-up and expiry). */
	public String pattern() {
		return prefix() + "*";
	}

}
