package dev.vanguard.session.game;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.vanguard.contracts.events.SessionEnded;
import dev.vanguard.session.player.Player;
import dev.vanguard.session.player.PlayerRepository;
import dev.vanguard.session.live.SessionRoster;

/**
 * Writes a live session's state back into Redis from the database when Redis lost it or
 * fell behind, and ends a session whose state cannot be written back. Each runs under the
 * session's row lock, so no change (and no new seq) comes in between reading the database
 * and writing Redis.
 */
@Service
class LiveStateRebuild {

	private static final Logger log = LoggerFactory.getLogger(LiveStateRebuild.class);

	private final GameSessionRepository sessions;

	private final GameService game;

	private final PlayerRepository players;

	private final SessionRoster roster;

	private final ResultsKeeping results;

	private final JsonMapper jsonMapper;

	LiveStateRebuild(GameSessionRepository sessions, GameService game, PlayerRepository players, SessionRoster roster,
			ResultsKeeping results, JsonMapper jsonMapper) {
		this.sessions = sessions;
		this.game = game;
		this.players = players;
		this.roster = roster;
		this.results = results;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Writes a live session's state back into Redis when Redis lost it (it came back
	 * empty, or the state key expired): state, question, deadline, roster, kicked set,
	 * the scores and streaks up to the last reveal and the open question's answers kept
	 * so far (streamed as they were accepted), with the seq of the session's last event,
	 * so every event still on its way is a duplicate rather than a gap nobody can fill.
	 * The state carries a new {@code rebuildId}: realtime-service sees it change and
	 * sends its phones a catch-up (the seq alone need not move). A started game rebuilt
	 * so is marked: its results say its live state was lost.
	 * @return whether it wrote the state
	 */
	@Transactional
	boolean rebuildIfLost(UUID sessionId) {
		GameSession session = this.sessions.findForUpdate(sessionId).orElse(null);
		if (session == null || session.isEnded()) {
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
		if (session == null || session.isEnded()) {
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
		session.markLiveStateLost();
		log.warn("Session {} {} at seq {} ({})", session.getId(), what, session.getLastSeq(), session.describe());
	}

	/**
	 * The session's live state as the database knows it: state, question, deadline,
	 * roster, kicked set, the scores and streaks as of the last reveal (from the answers
	 * kept at each close) and the open question's answers kept so far.
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
		if (session == null || session.isEnded()) {
			return false;
		}
		this.roster.resync(sessionId, liveState(session, false));
		session.markLiveStateLost();
		log.error("Session {} ends: its live state could not be written back into Redis ({})", sessionId,
				session.describe());
		this.game.endNow(session);
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
		// The seq stays what the realtime instances applied already: a new rebuildId is
		// what tells them to send their phones a catch-up of the rebuilt state.
		state.put("rebuildId", UUID.randomUUID().toString());
		List<Player> active = this.players.findActive(sessionId);
		Map<String, String> nicknames = new HashMap<>();
		Map<String, Long> scores = new HashMap<>();
		Map<String, Integer> streaks = new HashMap<>();
		// the last question revealed: a player without an answer to it lost their streak
		int revealed = (status == SessionStatus.QUESTION) ? index - 1 : index;
		// the open question's answers count with the answers themselves (restored below)
		Map<UUID, Long> kept = this.results.keptPoints(sessionId, revealed);
		Map<UUID, Integer> keptStreaks = (revealed >= 0) ? this.results.keptStreaks(sessionId, revealed) : Map.of();
		for (Player player : active) {
			nicknames.put(player.getId().toString(), player.getNickname());
			scores.put(player.getId().toString(), kept.getOrDefault(player.getId(), 0L));
			streaks.put(player.getId().toString(), keptStreaks.getOrDefault(player.getId(), 0));
		}
		List<String> kicked = this.players.findKickedIds(sessionId).stream().map(UUID::toString).toList();
		String question = (questionShown && withQuestion)
				? this.jsonMapper.writeValueAsString(this.game.questions(session).get(index)) : null;
		// the open question's answers streamed so far: acknowledged, so they count
		Map<String, String> openAnswers = (status == SessionStatus.QUESTION && index >= 0)
				? this.results.keptAnswers(sessionId, index) : Map.of();
		return new SessionRoster.LiveState(state, index, question, nicknames, kicked, scores, streaks, openAnswers);
	}

	private static long epochMillis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : 0;
	}

}
