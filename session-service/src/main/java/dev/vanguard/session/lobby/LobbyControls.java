package dev.vanguard.session.lobby;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.vanguard.contracts.events.PlayerKicked;
import dev.vanguard.session.game.GameSession;
import dev.vanguard.session.game.SessionChanges;
import dev.vanguard.session.game.SessionMetrics;
import dev.vanguard.session.live.SessionRoster;
import dev.vanguard.session.game.Views;
import dev.vanguard.session.player.NicknameBans;
import dev.vanguard.session.player.Player;
import dev.vanguard.session.player.PlayerRepository;
import dev.vanguard.support.ProblemException;

/**
 * The host's say over who plays: remove a player, ban a nickname, lock or cap the lobby,
 * two-step join. Each holds the session's row lock ({@link SessionChanges#lockHosted}).
 */
@Service
class LobbyControls {

	private final SessionChanges changes;

	private final PlayerRepository players;

	private final Nicknames nicknames;

	private final NicknameBans bans;

	private final SessionRoster roster;

	private final SessionMetrics metrics;

	LobbyControls(SessionChanges changes, PlayerRepository players, Nicknames nicknames, NicknameBans bans,
			SessionRoster roster, SessionMetrics metrics) {
		this.changes = changes;
		this.players = players;
		this.nicknames = nicknames;
		this.bans = bans;
		this.roster = roster;
		this.metrics = metrics;
	}

	/**
	 * Removes a player: their token dies and their device cannot join again; with
	 * {@code banNickname} nobody can join under that nickname (or a look-alike) again.
	 */
	@Transactional
	void kick(UUID sessionId, UUID hostId, UUID playerId, boolean banNickname) {
		GameSession session = this.changes.lockHosted(sessionId, hostId);
		session.checkPlayerRemovable();
		Player player = this.players.findByIdAndSessionId(playerId, sessionId)
			.filter((candidate) -> !candidate.isKicked())
			.orElseThrow(() -> ProblemException.notFound("No player " + playerId + " in this session."));
		Instant now = this.changes.now();
		player.kick(now);
		if (banNickname) {
			this.bans.ban(sessionId, player.getNicknameKey(), player.getNickname(), now);
		}
		int playerCount = this.roster.kickPlayer(sessionId, playerId, player.getNickname());
		this.changes.publish(
				new PlayerKicked(sessionId, session.nextSeq(now), now, playerId, player.getNickname(), playerCount));
		SessionChanges.afterCommit(this.metrics::playerRemoved);
	}

	/** The host's lobby controls: lock, cap, two-step join. */
	@Transactional
	Views.Lobby configureLobby(UUID sessionId, UUID hostId, boolean locked, Integer maxPlayers, boolean twoStepJoin,
			boolean friendlyNicknames) {
		GameSession session = this.changes.lockHosted(sessionId, hostId);
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
		GameSession session = this.changes.lockHosted(sessionId, hostId);
		session.checkNicknameBannable();
		this.bans.ban(sessionId, this.nicknames.key(nickname), nickname, this.changes.now());
	}

}
