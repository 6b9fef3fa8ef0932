package dev.vanguard.session.lobby;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.hibernate.exception.ConstraintViolationException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.session.game.GameSession;
import dev.vanguard.session.game.SessionChanges;
import dev.vanguard.session.game.SessionMetrics;
import dev.vanguard.session.game.SessionRoster;
import dev.vanguard.session.game.Views;
import dev.vanguard.session.player.NicknameBans;
import dev.vanguard.session.player.Player;
import dev.vanguard.session.player.PlayerRepository;
import dev.vanguard.session.player.PlayerTokens;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * Lets players into a session by its PIN: the PIN, the lobby's lock and cap, two-step
 * join, kicked devices, banned and taken nicknames. A join takes the session's row lock
 * only for its last statements ({@link #addPlayer}), so joins to one session queue
 * briefly.
 */
@Service
public class LobbyAdmission {

	private static final String NICKNAME_INDEX = "players_nickname_per_session";

	private final SessionChanges changes;

	private final PlayerRepository players;

	private final Nicknames nicknames;

	private final NicknameBans bans;

	private final FriendlyNicknames friendlyNicknames;

	private final RateLimiter rateLimiter;

	private final EntityManager entityManager;

	private final PlayerTokens tokens;

	private final SessionRoster roster;

	private final SessionMetrics metrics;

	private final TransactionTemplate transactions;

	LobbyAdmission(SessionChanges changes, PlayerRepository players, Nicknames nicknames, NicknameBans bans,
			FriendlyNicknames friendlyNicknames, RateLimiter rateLimiter, EntityManager entityManager,
			PlayerTokens tokens, SessionRoster roster, SessionMetrics metrics,
			PlatformTransactionManager transactionManager) {
		this.changes = changes;
		this.players = players;
		this.nicknames = nicknames;
		this.bans = bans;
		this.friendlyNicknames = friendlyNicknames;
		this.rateLimiter = rateLimiter;
		this.entityManager = entityManager;
		this.tokens = tokens;
		this.roster = roster;
		this.metrics = metrics;
		this.transactions = new TransactionTemplate(transactionManager);
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

	public Views.Joined join(String pin, Joining joining) {
		Player player = null;
		for (int attempt = 1; player == null; attempt++) {
			try {
				player = this.transactions.execute((status) -> addPlayer(pin, joining));
			}
			catch (FriendlyNameTaken ex) {
				// another join got the same generated name first: draw again
				if (attempt >= 3) {
					throw nicknameTaken(ex.nickname);
				}
			}
			catch (DataIntegrityViolationException ex) {
				throw nicknameTaken(joining.nickname());
			}
		}
		// signing is the slow part of a join: outside the transaction and its row lock
		String token = this.tokens.issue(player.getSessionId(), player.getId(), player.getNickname());
		return new Views.Joined(player.getSessionId(), player.getId(), player.getNickname(), token);
	}

	/**
	 * Everything that needs no lock comes first, so joins to one session wait for each
	 * other only for the last few statements: a read without lock fails fast, and the
	 * insert leaves it to the unique index to order two joins with the same nickname.
	 * Only then the row lock, under which the state is checked again (the host may have
	 * started or ended the game meanwhile) before the seq is taken. The lock
	 * ({@link SessionChanges#lock}) must not conflict with the key-share lock the
	 * player's foreign key took on the session row, or two joins would each wait for the
	 * other.
	 */
	private Player addPlayer(String pin, Joining joining) {
		GameSession session = this.changes.findLive(pin).orElseThrow(() -> unknownPin(pin));
		UUID sessionId = session.getId();
		checkJoinable(session, pin);
		checkPattern(session, joining);
		checkRoom(session, 0);
		boolean friendly = session.isFriendlyNicknames();
		String nickname = friendly ? this.friendlyNicknames
			.generate((name) -> this.players.isNicknameTaken(sessionId, this.nicknames.key(name))
					|| this.bans.isBanned(sessionId, this.nicknames.key(name)))
				: joining.nickname();
		if (nickname == null) {
			throw ProblemException.invalid("nickname", "must not be blank");
		}
		String device = deviceHash(sessionId, joining.deviceSecret());
		String nicknameKey = this.nicknames.key(nickname);
		checkAdmissible(sessionId, device, nicknameKey);
		if (this.players.isNicknameTaken(sessionId, nicknameKey)) {
			throw nicknameTaken(nickname);
		}
		Instant now = this.changes.now();
		Player player = new Player(UUID.randomUUID(), sessionId, nickname, nicknameKey, device, now);
		this.entityManager.persist(player);
		try {
			this.entityManager.flush();
		}
		catch (ConstraintViolationException ex) {
			// a join with the same name got in after our check: the unique index decides
			if (NICKNAME_INDEX.equals(ex.getConstraintName())) {
				throw friendly ? new FriendlyNameTaken(nickname) : nicknameTaken(nickname);
			}
			throw ex;
		}
		this.changes.lock(session);
		checkJoinable(session, pin);
		// again under the lock: a kick, ban, lock or cap that committed meanwhile counts
		checkAdmissible(sessionId, device, nicknameKey);
		checkRoom(session, 1);
		if (session.isTwoStepJoin()) {
			SessionChanges.afterCommit(() -> this.rateLimiter.countGoodPattern(joining.address()));
		}
		// in Redis before the event goes out, so the token works as soon as anyone hears
		// of it; under the lock, so it never touches the keys of a session that ended
		int playerCount = this.roster.addPlayer(sessionId, player.getId(), nickname);
		this.changes
			.publish(new PlayerJoined(sessionId, session.nextSeq(now), now, player.getId(), nickname, playerCount));
		SessionChanges.afterCommit(this.metrics::playerJoined);
		return player;
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

	/**
	 * Whether the cap leaves room: {@code alreadyIn} is 1 once this join's own row is
	 * inserted. Players are counted only for a capped session, so uncapped joins cost no
	 * count.
	 */
	private void checkRoom(GameSession session, int alreadyIn) {
		Integer cap = session.getMaxPlayers();
		if (cap != null && this.players.countActive(session.getId()) - alreadyIn >= cap) {
			throw new ProblemException(ProblemType.LOBBY_FULL, "Game full",
					"This game has reached its limit of " + cap + " players.");
		}
	}

	private void checkAdmissible(UUID sessionId, String deviceHash, String nicknameKey) {
		if (this.players.isDeviceKicked(sessionId, deviceHash)) {
			throw new ProblemException(ProblemType.KICKED, "Removed from this game",
					"The host removed you from this game; you cannot join it again.");
		}
		if (this.bans.isBanned(sessionId, nicknameKey)) {
			throw new ProblemException(ProblemType.NICKNAME_BANNED, "Nickname banned",
					"The host banned this nickname from this game; please pick another one.");
		}
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
	public Views.PinLookup lookup(String pin) {
		GameSession session = this.changes.findLive(pin).orElseThrow(() -> unknownPin(pin));
		return new Views.PinLookup(session.getId(), session.isJoinable(), session.getStatus(), session.getQuizTitle(),
				session.isTwoStepJoin(), session.isFriendlyNicknames());
	}

	private static ProblemException unknownPin(String pin) {
		return ProblemException.notFound("No game is running with PIN " + pin + ".");
	}

	/** A generated name another join took meanwhile; the join is tried again. */
	private static final class FriendlyNameTaken extends RuntimeException {

		private final String nickname;

		FriendlyNameTaken(String nickname) {
			super("Friendly nickname taken: " + nickname, null, false, false);
			this.nickname = nickname;
		}

	}

	private static ProblemException nicknameTaken(String nickname) {
		return new ProblemException(ProblemType.NICKNAME_TAKEN, "Nickname taken",
				"Someone in this game is already called \"" + nickname + "\"; please pick another nickname.");
	}

}
