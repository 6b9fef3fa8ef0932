package dev.vanguard.session.lobby;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.session.game.GameSession;
import dev.vanguard.session.game.SessionChanges;
import dev.vanguard.session.game.SessionMetrics;
import dev.vanguard.session.live.SessionRoster;
import dev.vanguard.session.player.NicknameBans;
import dev.vanguard.session.player.Player;
import dev.vanguard.session.player.PlayerRepository;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * Lets players into a session by its PIN: the PIN, the lobby's lock and cap, two-step
 * join, kicked devices, banned and taken nicknames. Only the nickname's key is worked out
 * on the join's own request thread ({@link #prepare}); everything that reads the database
 * is done for a whole batch of joins to one PIN at once ({@link #admit}, which
 * {@link JoinBatcher} calls), in one transaction under the session's row lock: the state
 * (the host may have started, locked or ended the game while the joins waited), the
 * two-step pattern, kicks, bans, nicknames (against the session and against the batch's
 * earlier joins) and the cap, then one insert of every admitted player, one Redis script
 * adding them all and counting the roster after each, and one {@link PlayerJoined} per
 * player with its own seq and count. So a batch costs one lock, one commit and one round
 * trip each to Redis and PostgreSQL, however many joins it holds, and every guarantee of
 * a single join holds: a player is in PostgreSQL and Redis exactly once or not at all,
 * events are numbered in the order of their counts.
 */
@Service
public class LobbyAdmission {

	private final SessionChanges changes;

	private final PlayerRepository players;

	private final Nicknames nicknames;

	private final NicknameBans bans;

	private final FriendlyNicknames friendlyNicknames;

	private final RateLimiter rateLimiter;

	private final SessionRoster roster;

	private final SessionMetrics metrics;

	private final JdbcClient jdbc;

	LobbyAdmission(SessionChanges changes, PlayerRepository players, Nicknames nicknames, NicknameBans bans,
			FriendlyNicknames friendlyNicknames, RateLimiter rateLimiter, SessionRoster roster, SessionMetrics metrics,
			JdbcClient jdbc) {
		this.changes = changes;
		this.players = players;
		this.nicknames = nicknames;
		this.bans = bans;
		this.friendlyNicknames = friendlyNicknames;
		this.rateLimiter = rateLimiter;
		this.roster = roster;
		this.metrics = metrics;
		this.jdbc = jdbc;
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
	public record Joining(String nickname, String deviceSecret, List<String> pattern, String address) {
	}

	/**
	 * A join waiting to be admitted, with what its own thread could work out.
	 *
	 * @param nicknameKey {@link Nicknames#key} of the typed nickname, or null for none
	 */
	public record Candidate(String pin, Joining joining, String nicknameKey) {
	}

	/** How one candidate of a batch fared: its player, or why it was refused. */
	public sealed interface Outcome {

		record Admitted(Player player) implements Outcome {
		}

		record Refused(RuntimeException refusal) implements Outcome {
		}

	}

	/**
	 * What a join's own thread can work out without the database: the typed nickname's
	 * key. Everything that reads the database waits for the batch, so a storm's requests
	 * do not queue for the connection pool one by one.
	 */
	public Candidate prepare(String pin, Joining joining) {
		return new Candidate(pin, joining,
				(joining.nickname() != null) ? this.nicknames.key(joining.nickname()) : null);
	}

	/**
	 * Admits a batch of joins to one session, in the caller's transaction, in the batch's
	 * order. A refusal of the whole session (it ended, started without late join, or was
	 * locked) is thrown; a refusal of one join is its outcome.
	 * @throws org.springframework.dao.DataIntegrityViolationException when a nickname was
	 * taken by a writer that did not hold the lock (the batch is retried whole)
	 */
	public List<Outcome> admit(String pin, List<Candidate> batch) {
		GameSession session = this.changes.lockLive(pin).orElseThrow(() -> unknownPin(pin));
		// the PIN was found before the lock: the game may have ended in between
		checkJoinable(session, pin);
		UUID sessionId = session.getId();
		boolean friendly = session.isFriendlyNicknames();
		List<String> devices = batch.stream()
			.map((candidate) -> deviceHash(sessionId, candidate.joining().deviceSecret()))
			.toList();
		Taken taken = new Taken(sessionId,
				friendly ? List.of() : batch.stream().map(Candidate::nicknameKey).filter(Objects::nonNull).toList(),
				devices);
		long active = (session.getMaxPlayers() != null) ? this.players.countActive(sessionId) : 0;
		Instant now = this.changes.now();
		List<Outcome> outcomes = new ArrayList<>(batch.size());
		List<Player> admitted = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			Candidate candidate = batch.get(i);
			try {
				checkPattern(session, candidate.joining());
				if (session.isFull(active)) {
					throw gameFull(session.getMaxPlayers());
				}
				String nickname = friendly
						? this.friendlyNicknames.generate((name) -> taken.isTakenOrBanned(this.nicknames.key(name)))
						: candidate.joining().nickname();
				if (nickname == null) {
					throw ProblemException.invalid("nickname", "must not be blank");
				}
				String nicknameKey = friendly ? this.nicknames.key(nickname) : candidate.nicknameKey();
				String deviceHash = devices.get(i);
				taken.check(deviceHash, nicknameKey, nickname);
				Player player = new Player(UUID.randomUUID(), sessionId, nickname, nicknameKey, deviceHash, now);
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
				this.changes.publish(new PlayerJoined(sessionId, session.nextSeq(now), now, player.getId(),
						player.getNickname(), counts.get(i)));
			}
			SessionChanges.afterCommit(() -> admitted.forEach((player) -> this.metrics.playerJoined()));
		}
		List<String> goodPatterns = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			if (session.isTwoStepJoin() && outcomes.get(i) instanceof Outcome.Admitted) {
				goodPatterns.add(batch.get(i).joining().address());
			}
		}
		if (!goodPatterns.isEmpty()) {
			SessionChanges.afterCommit(() -> goodPatterns.forEach(this.rateLimiter::countGoodPattern));
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

		Taken(UUID sessionId, List<String> keys, List<String> devices) {
			this.sessionId = sessionId;
			this.nicknameKeys = new HashSet<>(keys.isEmpty() ? List.of()
					: LobbyAdmission.this.jdbc
						.sql("SELECT nickname_key FROM players WHERE session_id = ? "
								+ "AND kicked_at IS NULL AND nickname_key = ANY (?)")
						.params(sessionId, keys.toArray(String[]::new))
						.query(String.class)
						.list());
			this.bannedKeys = new HashSet<>(keys.isEmpty() ? List.of() : LobbyAdmission.this.jdbc
				.sql("SELECT nickname_key FROM banned_nicknames WHERE session_id = ? AND nickname_key = ANY (?)")
				.params(sessionId, keys.toArray(String[]::new))
				.query(String.class)
				.list());
			this.kickedDevices = new HashSet<>(LobbyAdmission.this.jdbc
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
					|| LobbyAdmission.this.players.isNicknameTaken(this.sessionId, nicknameKey)
					|| LobbyAdmission.this.bans.isBanned(this.sessionId, nicknameKey);
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
		boolean right = session.isJoinPattern(joining.pattern());
		this.rateLimiter.countPatternGuess(joining.address(), right);
		if (!right) {
			throw new ProblemException(ProblemType.WRONG_JOIN_PATTERN, "Wrong pattern",
					"That is not the pattern on the host's screen; look again and retry.");
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
	private static String deviceHash(UUID sessionId, String deviceSecret) {
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
		if (session.isEnded()) {
			throw unknownPin(pin);
		}
		session.checkJoinable();
	}

	@Transactional(readOnly = true)
	PinLookup lookup(String pin) {
		GameSession session = this.changes.findLive(pin).orElseThrow(() -> unknownPin(pin));
		return new PinLookup(session.getId(), session.isJoinable(), session.getStatus(), session.getQuizTitle(),
				session.isTwoStepJoin(), session.isFriendlyNicknames());
	}

	private static ProblemException unknownPin(String pin) {
		return ProblemException.notFound("No game is running with PIN " + pin + ".");
	}

	private static ProblemException nicknameTaken(String nickname) {
		return new ProblemException(ProblemType.NICKNAME_TAKEN, "Nickname taken",
				"Someone in this game is already called \"" + nickname + "\"; please pick another nickname.");
	}

}
