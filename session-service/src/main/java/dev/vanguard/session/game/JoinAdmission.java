package dev.vanguard.session.game;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * What a join checks and writes. Whatever needs no lock is done for each join on its own
 * request thread ({@link #prepare}): the PIN, the state, the two-step pattern, the
 * nickname's key and the device's hash. The rest is done for a whole batch of joins to
 * one session at once ({@link #admit}), in one transaction under the session's row lock:
 * the state again (the host may have started, locked or ended the game meanwhile), kicks,
 * bans, nicknames (against the session and against the batch's earlier joins) and the
 * cap, then one insert of every admitted player, one Redis script adding them all and
 * counting the roster after each, and one {@link PlayerJoined} per player with its own
 * seq and count. So a batch costs one lock, one commit and one round trip each to Redis
 * and PostgreSQL, however many joins it holds, and every guarantee of a single join
 * holds: a player is in PostgreSQL and Redis exactly once or not at all, events are
 * numbered in the order of their counts.
 */
@Component
class JoinAdmission {

	private final GameSessionRepository sessions;

	private final PlayerRepository players;

	private final Nicknames nicknames;

	private final NicknameBans bans;

	private final FriendlyNicknames friendlyNicknames;

	private final RateLimiter rateLimiter;

	private final SessionRoster roster;

	private final SessionMetrics metrics;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate readOnly;

	JoinAdmission(GameSessionRepository sessions, PlayerRepository players, Nicknames nicknames, NicknameBans bans,
			FriendlyNicknames friendlyNicknames, RateLimiter rateLimiter, SessionRoster roster, SessionMetrics metrics,
			ApplicationEventPublisher events, JdbcClient jdbc, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.sessions = sessions;
		this.players = players;
		this.nicknames = nicknames;
		this.bans = bans;
		this.friendlyNicknames = friendlyNicknames;
		this.rateLimiter = rateLimiter;
		this.roster = roster;
		this.metrics = metrics;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
	}

	/**
	 * One join as the player sent it.
	 *
	 * @param nickname a nickname {@link Nicknames#clean cleaned} already
	 * @param deviceSecret the secret the player app keeps for this session, checked for
	 * its form already
	 * @param pattern the two-step pattern the player tapped, or null
	 * @param address the client address, for counting wrong patterns
	 */
	record Joining(String nickname, String deviceSecret, List<String> pattern, String address) {
	}

	/**
	 * A join that passed every check that needs no lock, waiting to be admitted.
	 *
	 * @param nickname the typed nickname, or null when the server names the player
	 * (friendly nicknames are drawn under the lock, where the batch's names are known)
	 * @param nicknameKey {@link Nicknames#key} of the typed nickname, or null
	 * @param twoStep whether the join named the two-step pattern, to count it as good
	 * once admitted
	 */
	record Candidate(UUID sessionId, String pin, String nickname, String nicknameKey, String deviceHash,
			boolean twoStep, String address) {
	}

	/** How one candidate of a batch fared: its player, or why it was refused. */
	sealed interface Outcome {

		record Admitted(Player player) implements Outcome {
		}

		record Refused(RuntimeException refusal) implements Outcome {
		}

	}

	/**
	 * Checks a join as far as it can without the lock, so a join to a locked, full or
	 * started game, or with a wrong pattern, fails fast and never queues.
	 */
	Candidate prepare(String pin, Joining joining) {
		GameSession session = this.readOnly.execute((status) -> {
			UUID sessionId = this.sessions.findLiveIdByPin(pin).orElseThrow(() -> unknownPin(pin));
			GameSession found = this.sessions.findById(sessionId).orElseThrow(() -> unknownPin(pin));
			checkJoinable(found, pin);
			checkRoom(found, 0);
			return found;
		});
		checkPattern(session, joining);
		if (!session.isFriendlyNicknames() && joining.nickname() == null) {
			throw ProblemException.invalid("nickname", "must not be blank");
		}
		String nickname = session.isFriendlyNicknames() ? null : joining.nickname();
		return new Candidate(session.getId(), pin, nickname, (nickname != null) ? this.nicknames.key(nickname) : null,
				deviceHash(session.getId(), joining.deviceSecret()), session.isTwoStepJoin(), joining.address());
	}

	/**
	 * Admits a batch of joins to one session, in the caller's transaction (or a new one),
	 * in the batch's order. A refusal of the whole session (it ended, started without
	 * late join, or was locked) is thrown; a refusal of one join is its outcome.
	 * @throws org.springframework.dao.DataIntegrityViolationException when a nickname was
	 * taken by a writer that did not hold the lock (the batch is retried whole)
	 */
	List<Outcome> admit(UUID sessionId, String pin, List<Candidate> batch) {
		GameSession session = this.sessions.findForUpdate(sessionId).orElseThrow(() -> unknownPin(pin));
		checkJoinable(session, pin);
		Taken taken = new Taken(sessionId, batch);
		Integer cap = session.getMaxPlayers();
		long active = (cap != null) ? this.players.countActive(sessionId) : 0;
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		List<Outcome> outcomes = new ArrayList<>(batch.size());
		List<Player> admitted = new ArrayList<>();
		for (Candidate candidate : batch) {
			try {
				if (cap != null && active >= cap) {
					throw gameFull(cap);
				}
				String nickname = (candidate.nickname() != null) ? candidate.nickname()
						: this.friendlyNicknames.generate((name) -> taken.isTakenOrBanned(this.nicknames.key(name)));
				String nicknameKey = (candidate.nicknameKey() != null) ? candidate.nicknameKey()
						: this.nicknames.key(nickname);
				taken.check(candidate.deviceHash(), nicknameKey, nickname);
				Player player = new Player(UUID.randomUUID(), sessionId, nickname, nicknameKey, candidate.deviceHash(),
						now);
				taken.add(nicknameKey);
				active++;
				admitted.add(player);
				outcomes.add(new Outcome.Admitted(player));
			}
			catch (ProblemException ex) {
				outcomes.add(new Outcome.Refused(ex));
			}
		}
		if (!admitted.isEmpty()) {
			insert(admitted);
			// in Redis before the events go out, so a token works as soon as anyone hears
			// of it; under the lock, so it never touches the keys of a session that ended
			List<Integer> counts = this.roster.addPlayers(sessionId, admitted);
			for (int i = 0; i < admitted.size(); i++) {
				Player player = admitted.get(i);
				this.events.publishEvent(new PlayerJoined(sessionId, session.nextSeq(now), now, player.getId(),
						player.getNickname(), counts.get(i)));
			}
			afterCommit(() -> admitted.forEach((player) -> this.metrics.playerJoined()));
		}
		List<String> goodPatterns = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			if (batch.get(i).twoStep() && outcomes.get(i) instanceof Outcome.Admitted) {
				goodPatterns.add(batch.get(i).address());
			}
		}
		if (!goodPatterns.isEmpty()) {
			afterCommit(() -> goodPatterns.forEach(this.rateLimiter::countGoodPattern));
		}
		return outcomes;
	}

	/**
	 * One statement for the batch; the unique index on live nicknames stays the judge.
	 */
	private void insert(List<Player> admitted) {
		StringBuilder sql = new StringBuilder(
				"insert into players (id, session_id, nickname, nickname_key, device_hash, joined_at) values ");
		List<Object> params = new ArrayList<>(admitted.size() * 6);
		for (int i = 0; i < admitted.size(); i++) {
			sql.append((i == 0) ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
			Player player = admitted.get(i);
			params.add(player.getId());
			params.add(player.getSessionId());
			params.add(player.getNickname());
			params.add(player.getNicknameKey());
			params.add(player.getDeviceHash());
			params.add(Timestamp.from(player.getJoinedAt()));
		}
		this.jdbc.sql(sql.toString()).params(params).update();
	}

	/**
	 * Who is in, kicked or banned, read for the whole batch in three queries, plus the
	 * nicknames the batch's earlier joins took.
	 */
	private final class Taken {

		private final UUID sessionId;

		private final Set<String> nicknameKeys;

		private final Set<String> bannedKeys;

		private final Set<String> kickedDevices;

		Taken(UUID sessionId, List<Candidate> batch) {
			this.sessionId = sessionId;
			List<String> keys = batch.stream().map(Candidate::nicknameKey).filter((key) -> key != null).toList();
			List<String> devices = batch.stream().map(Candidate::deviceHash).toList();
			this.nicknameKeys = new HashSet<>(keys.isEmpty() ? List.of()
					: JoinAdmission.this.jdbc
						.sql("SELECT nickname_key FROM players WHERE session_id = ? "
								+ "AND kicked_at IS NULL AND nickname_key = ANY (?)")
						.params(sessionId, keys.toArray(String[]::new))
						.query(String.class)
						.list());
			this.bannedKeys = new HashSet<>(keys.isEmpty() ? List.of() : JoinAdmission.this.jdbc
				.sql("SELECT nickname_key FROM banned_nicknames WHERE session_id = ? AND nickname_key = ANY (?)")
				.params(sessionId, keys.toArray(String[]::new))
				.query(String.class)
				.list());
			this.kickedDevices = new HashSet<>(JoinAdmission.this.jdbc
				.sql("SELECT device_hash FROM players WHERE session_id = ? AND kicked_at IS NOT NULL "
						+ "AND device_hash = ANY (?)")
				.params(sessionId, devices.toArray(String[]::new))
				.query(String.class)
				.list());
		}

		/**
		 * For a friendly name drawn under the lock: asks the database for names not read.
		 */
		boolean isTakenOrBanned(String nicknameKey) {
			return this.nicknameKeys.contains(nicknameKey) || this.bannedKeys.contains(nicknameKey)
					|| JoinAdmission.this.players.isNicknameTaken(this.sessionId, nicknameKey)
					|| JoinAdmission.this.bans.isBanned(this.sessionId, nicknameKey);
		}

		/** Refuses a kicked device, a banned nickname or one taken, in that order. */
		void check(String deviceHash, String nicknameKey, String nickname) {
			if (this.kickedDevices.contains(deviceHash)) {
				throw new ProblemException(ProblemType.KICKED, "Removed from this game",
						"The host removed you from this game; you cannot join it again.");
			}
			if (this.bannedKeys.contains(nicknameKey)) {
				throw new ProblemException(ProblemType.NICKNAME_BANNED, "Nickname banned",
						"The host banned this nickname from this game; please pick another one.");
			}
			if (this.nicknameKeys.contains(nicknameKey)) {
				throw nicknameTaken(nickname);
			}
		}

		void add(String nicknameKey) {
			this.nicknameKeys.add(nicknameKey);
		}

	}

	/**
	 * With two-step join, the join must name the pattern on the host's screen. Wrong
	 * guesses are counted per address; past its allowance an address is refused (429)
	 * before its guess is even compared.
	 */
	private void checkPattern(GameSession session, Joining joining) {
		if (!session.isTwoStepJoin()) {
			return;
		}
		if (joining.pattern() == null || joining.pattern().isEmpty()) {
			throw new ProblemException(ProblemType.JOIN_PATTERN_REQUIRED, "Pattern required",
					"This game uses two-step join: tap the pattern shown on the host's screen.");
		}
		boolean right = JoinPattern.matches(session.getJoinPattern(), joining.pattern());
		this.rateLimiter.countPatternGuess(joining.address(), right);
		if (!right) {
			throw new ProblemException(ProblemType.WRONG_JOIN_PATTERN, "Wrong pattern",
					"That is not the pattern on the host's screen; look again and retry.");
		}
	}

	/**
	 * Whether the cap leaves room before queueing. Players are counted only for a capped
	 * session, so uncapped joins cost no count.
	 */
	private void checkRoom(GameSession session, int alreadyIn) {
		Integer cap = session.getMaxPlayers();
		if (cap != null && this.players.countActive(session.getId()) - alreadyIn >= cap) {
			throw gameFull(cap);
		}
	}

	private static ProblemException gameFull(int cap) {
		return new ProblemException(ProblemType.LOBBY_FULL, "Game full",
				"This game has reached its limit of " + cap + " players.");
	}

	/**
	 * The device secret is kept only as a hash, salted with the session so one device's
	 * joins to different sessions cannot be linked.
	 */
	static String deviceHash(UUID sessionId, String deviceSecret) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update((sessionId + ":" + deviceSecret).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	private static void checkJoinable(GameSession session, String pin) {
		if (session.getStatus() == SessionStatus.ENDED) {
			throw unknownPin(pin);
		}
		session.checkJoinable();
	}

	private static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	static ProblemException unknownPin(String pin) {
		return ProblemException.notFound("No game is running with PIN " + pin + ".");
	}

	static ProblemException nicknameTaken(String nickname) {
		return new ProblemException(ProblemType.NICKNAME_TAKEN, "Nickname taken",
				"Someone in this game is already called \"" + nickname + "\"; please pick another nickname.");
	}

}
