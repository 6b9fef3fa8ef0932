package dev.vanguard.session.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.session.player.Player;

/**
 * The part of a session's Redis state that session-service owns (who is in, who was
 * kicked) and reads (who is online, who answered). Writes happen inside the transaction
 * that records the change, so before its event is published; if that transaction rolls
 * back, the write is undone.
 */
@Component
public class SessionRoster {

	/**
	 * Adds players in order and counts the roster after each, in one round trip: KEYS[1]
	 * the players hash, ARGV[1] lifetime in seconds, then player id and nickname pairs.
	 * Returns the count after each player.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ADD_PLAYERS = RedisScript.of("""
			local counts = {}
			for i = 2, #ARGV, 2 do
			  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
			  counts[#counts + 1] = redis.call('HLEN', KEYS[1])
			end
			redis.call('EXPIRE', KEYS[1], ARGV[1])
			return counts
			""", List.class);

	/**
	 * Removes the player, marks their token dead and counts who is left: KEYS[1] the
	 * players hash, KEYS[2] the kicked set, ARGV player id, lifetime in seconds.
	 */
	private static final RedisScript<Long> KICK_PLAYER = RedisScript.of("""
			redis.call('HDEL', KEYS[1], ARGV[1])
			redis.call('SADD', KEYS[2], ARGV[1])
			redis.call('EXPIRE', KEYS[2], ARGV[2])
			return redis.call('HLEN', KEYS[1])
			""", Long.class);

	private static final String LIFETIME_SECONDS = Long.toString(SessionKeys.MAX_LIFETIME.toSeconds());

	/**
	 * Closes question ARGV[1] for answers now, by Redis's own clock: its deadline in the
	 * state hash moves to a millisecond before now, so realtime-service's answer script,
	 * which runs after this one and refuses an answer later than the deadline, refuses
	 * every further answer as late. Returns the deadline it replaced, or false when the
	 * question is not the open one in Redis (not applied yet, or past its deadline).
	 */
	private static final RedisScript<String> CLOSE_ANSWERS = RedisScript.of("""
			local s = redis.call('HMGET', KEYS[1], 'status', 'questionIndex', 'deadline')
			if s[1] ~= 'QUESTION' or s[2] ~= ARGV[1] or not s[3] then
			  return false
			end
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			if tonumber(s[3]) < now then
			  return false
			end
			redis.call('HSET', KEYS[1], 'deadline', string.format('%d', now - 1))
			return s[3]
			""", String.class);

	/**
	 * Puts back the deadline {@link #CLOSE_ANSWERS} replaced (ARGV[2]) if question
	 * ARGV[1] is still the open one in Redis: the close rolled back.
	 */
	private static final RedisScript<Long> REOPEN_ANSWERS = RedisScript.of("""
			local s = redis.call('HMGET', KEYS[1], 'status', 'questionIndex')
			if s[1] ~= 'QUESTION' or s[2] ~= ARGV[1] then
			  return 0
			end
			redis.call('HSET', KEYS[1], 'deadline', ARGV[2])
			return 1
			""", Long.class);

	/**
	 * An answer record counted in a question's distribution hash as realtime-service's
	 * answer script counts it (options by index; a typed answer as correct or incorrect):
	 * the start of the scripts that put answers back into Redis.
	 */
	private static final String COUNT_IN_DISTRIBUTION = """
			local function count_in_distribution(key, answer)
			  if type(answer.text) == 'string' then
			    redis.call('HINCRBY', key, answer.correct and 'correct' or 'incorrect', 1)
			  elseif type(answer.options) == 'table' then
			    for _, o in ipairs(answer.options) do
			      redis.call('HINCRBY', key, string.format('%d', o), 1)
			    end
			  end
			end
			""";

	/**
	 * Writes a session's live state back. KEYS: state, players, kicked, scores, the open
	 * question's key, streaks, the open question's answers, its distribution. ARGV[1]
	 * JSON
	 * {@code {"state":{…},"players":{id:nickname},"kicked":[id],"scores":{id:points},
	 * "streaks":{id:streak},"answers":{id:record}}}, ARGV[2] the question with its
	 * answers (JSON, empty for none), ARGV[3] the keys' lifetime (seconds), ARGV[4]
	 * {@code missing} or {@code behind}.
	 * <p>
	 * With a question open, the answers to it kept in the database (streamed as
	 * realtime-service accepted them) are put back into its answers hash where Redis has
	 * none of the player's (never overwriting one), and its distribution is counted again
	 * from every answer the hash then holds; scores written from the database (which are
	 * up to the last reveal) get the points of every answer in the hash, and streaks the
	 * answers' streaks.
	 * <p>
	 * {@code missing}: only when the state hash is missing, so it never overwrites what
	 * realtime-service wrote meanwhile; scores and streaks that survived are kept.
	 * {@code behind}: also when the state hash is there but its seq is below the one
	 * written (an applied event was lost), never when it is at or above it, so the seq
	 * never moves backwards. Roster, kicked set, scores and streaks are replaced by the
	 * database's, plus the answers to the open question that Redis still holds (their
	 * points and streaks count as when they were accepted); a deadline realtime-service
	 * moved for a question applied late is kept.
	 * <p>
	 * Returns 1 when it wrote a missing state, 2 when it replaced a state that was
	 * behind, 0 when it wrote nothing.
	 */
	private static final RedisScript<Long> WRITE_LIVE_STATE = RedisScript.of(COUNT_IN_DISTRIBUTION + """
			local live = cjson.decode(ARGV[1])
			local lifetime = tonumber(ARGV[3])
			local result = 1
			if redis.call('EXISTS', KEYS[1]) == 1 then
			  if ARGV[4] ~= 'behind' then
			    return 0
			  end
			  local s = redis.call('HMGET', KEYS[1], 'seq', 'status', 'questionIndex', 'deadline', 'startedAt')
			  if tonumber(s[1] or '0') >= tonumber(live.state.seq) then
			    return 0
			  end
			  if s[2] == 'QUESTION' and live.state.status == 'QUESTION' and s[3] == live.state.questionIndex
			      and tonumber(s[4] or '0') > tonumber(live.state.deadline) then
			    live.state.deadline = s[4]
			    live.state.startedAt = s[5]
			  end
			  redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[6])
			  result = 2
			end
			for field, value in pairs(live.state) do
			  redis.call('HSET', KEYS[1], field, value)
			end
			redis.call('EXPIRE', KEYS[1], lifetime)
			for id, nickname in pairs(live.players) do
			  redis.call('HSET', KEYS[2], id, nickname)
			end
			redis.call('EXPIRE', KEYS[2], lifetime)
			for _, id in ipairs(live.kicked) do
			  redis.call('SADD', KEYS[3], id)
			end
			redis.call('EXPIRE', KEYS[3], lifetime)
			if live.state.status == 'QUESTION' then
			  local restored = 0
			  for id, record in pairs(live.answers) do
			    if live.players[id] and redis.call('HSETNX', KEYS[7], id, record) == 1 then
			      restored = restored + 1
			    end
			  end
			  if restored > 0 then
			    redis.call('EXPIRE', KEYS[7], lifetime)
			    redis.call('DEL', KEYS[8])
			    local answers = redis.call('HGETALL', KEYS[7])
			    for i = 2, #answers, 2 do
			      local ok, answer = pcall(cjson.decode, answers[i])
			      if ok then
			        count_in_distribution(KEYS[8], answer)
			      end
			    end
			    redis.call('EXPIRE', KEYS[8], lifetime)
			  end
			end
			if redis.call('EXISTS', KEYS[4]) == 0 then
			  for id, points in pairs(live.scores) do
			    redis.call('ZADD', KEYS[4], points, id)
			  end
			  if live.state.status == 'QUESTION' then
			    local answers = redis.call('HGETALL', KEYS[7])
			    for i = 1, #answers, 2 do
			      local ok, answer = pcall(cjson.decode, answers[i + 1])
			      if ok and live.players[answers[i]] then
			        if tonumber(answer.points) and tonumber(answer.points) > 0 then
			          redis.call('ZINCRBY', KEYS[4], answer.points, answers[i])
			        end
			        if tonumber(answer.streak) then
			          live.streaks[answers[i]] = answer.streak
			        end
			      end
			    end
			  end
			  redis.call('EXPIRE', KEYS[4], lifetime)
			end
			if redis.call('EXISTS', KEYS[6]) == 0 then
			  for id, streak in pairs(live.streaks) do
			    redis.call('HSET', KEYS[6], id, streak)
			  end
			  redis.call('EXPIRE', KEYS[6], lifetime)
			end
			if ARGV[2] ~= '' then
			  redis.call('SET', KEYS[5], ARGV[2], 'EX', lifetime)
			end
			return result
			""", Long.class);

	/**
	 * Puts accepted answers back into question ARGV[1]'s answers hash while it is the
	 * open question in Redis, each only where the player has none (never overwriting),
	 * counting each one put back as the answer script counted it: distribution, score,
	 * streak. KEYS: state, players, kicked, the question's answers, its distribution,
	 * scores, streaks; ARGV[2] the keys' lifetime (seconds), then player id and answer
	 * record pairs. Returns how many it put back. An answer Redis holds already (every
	 * one, unless Redis lost them) changes nothing.
	 */
	private static final RedisScript<Long> WRITE_BACK_ANSWERS = RedisScript.of(COUNT_IN_DISTRIBUTION + """
			local s = redis.call('HMGET', KEYS[1], 'status', 'questionIndex')
			if s[1] ~= 'QUESTION' or s[2] ~= ARGV[1] then
			  return 0
			end
			local lifetime = tonumber(ARGV[2])
			local written = 0
			for i = 3, #ARGV, 2 do
			  local player = ARGV[i]
			  if redis.call('HEXISTS', KEYS[2], player) == 1 and redis.call('SISMEMBER', KEYS[3], player) == 0
			      and redis.call('HSETNX', KEYS[4], player, ARGV[i + 1]) == 1 then
			    written = written + 1
			    local answer = cjson.decode(ARGV[i + 1])
			    count_in_distribution(KEYS[5], answer)
			    if tonumber(answer.points) > 0 then
			      redis.call('ZINCRBY', KEYS[6], answer.points, player)
			    end
			    redis.call('HSET', KEYS[7], player, answer.streak)
			  end
			end
			if written > 0 then
			  redis.call('EXPIRE', KEYS[4], lifetime, 'NX')
			  redis.call('EXPIRE', KEYS[5], lifetime, 'NX')
			end
			return written
			""", Long.class);

	private final StringRedisTemplate redis;

	private final JsonMapper jsonMapper;

	SessionRoster(StringRedisTemplate redis, JsonMapper jsonMapper) {
		this.redis = redis;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Adds the players in their order; returns how many players the session has with
	 * each, in the same order. Called under the session's row lock, so the counts are
	 * these joins' own: the next batch waits.
	 */
	public List<Integer> addPlayers(UUID sessionId, List<Player> players) {
		SessionKeys keys = SessionKeys.of(sessionId);
		List<String> args = new ArrayList<>(1 + 2 * players.size());
		args.add(LIFETIME_SECONDS);
		for (Player player : players) {
			args.add(player.getId().toString());
			args.add(player.getNickname());
		}
		List<?> counts = this.redis.execute(ADD_PLAYERS, List.of(keys.players()), args.toArray());
		Object[] ids = players.stream().map((player) -> player.getId().toString()).toArray();
		onRollback(() -> this.redis.opsForHash().delete(keys.players(), ids));
		return Objects.requireNonNull(counts)
			.stream()
			.map((count) -> Math.toIntExact(((Number) count).longValue()))
			.toList();
	}

	/**
	 * The host's lobby controls, for the host's catch-up on realtime-service (the big
	 * screen shows the two-step pattern). Written after the commit: a rolled-back change
	 * never shows.
	 */
	public void writeLobby(UUID sessionId, boolean locked, Integer maxPlayers, boolean twoStepJoin,
			String joinPattern) {
		String key = SessionKeys.of(sessionId).lobby();
		Map<String, String> fields = new HashMap<>();
		fields.put("locked", Boolean.toString(locked));
		fields.put("twoStepJoin", Boolean.toString(twoStepJoin));
		if (maxPlayers != null) {
			fields.put("maxPlayers", maxPlayers.toString());
		}
		if (joinPattern != null) {
			fields.put("joinPattern", joinPattern);
		}
		afterCommit(() -> {
			this.redis.delete(key);
			this.redis.opsForHash().putAll(key, fields);
			this.redis.expire(key, SessionKeys.MAX_LIFETIME);
		});
	}

	/**
	 * Stops realtime-service accepting answers to question {@code index} before its
	 * reveal or the end is read, so what is read is final: an answer accepted after the
	 * read would reach the phones' podium but not the stored results. Undone if the
	 * transaction that closes the question rolls back.
	 */
	public void closeAnswers(UUID sessionId, int index) {
		String state = SessionKeys.of(sessionId).state();
		String question = Integer.toString(index);
		String replaced = this.redis.execute(CLOSE_ANSWERS, List.of(state), question);
		if (replaced != null) {
			onRollback(() -> this.redis.execute(REOPEN_ANSWERS, List.of(state), question, replaced));
		}
	}

	/**
	 * Removes the player and marks their token dead; returns how many players are left
	 * (under the session's row lock, as {@link #addPlayers}).
	 */
	public int kickPlayer(UUID sessionId, UUID playerId, String nickname) {
		SessionKeys keys = SessionKeys.of(sessionId);
		String player = playerId.toString();
		Long count = this.redis.execute(KICK_PLAYER, List.of(keys.players(), keys.kicked()), player, LIFETIME_SECONDS);
		onRollback(() -> {
			this.redis.opsForSet().remove(keys.kicked(), player);
			this.redis.opsForHash().put(keys.players(), player, nickname);
		});
		return Math.toIntExact(Objects.requireNonNull(count));
	}

	/**
	 * Whether every player seen online during question {@code index} has an answer record
	 * for it: then the question can close before its deadline. The players online now
	 * join {@code seenOnline}, and stay in it when their socket drops: a phone whose
	 * instance went away, or whose network blinked, is reconnecting, and a question must
	 * not close on the few that are back while the others are still on their way. A
	 * player kicked meanwhile no longer counts. Without a roster in Redis (it came back
	 * empty and the session is not rebuilt yet) nothing closes and nobody seen is
	 * forgotten: once rebuilt, {@code online} fills again only as the realtime instances
	 * re-assert their sockets, and the rebuilt answers must not close the question on the
	 * first few back.
	 */
	public boolean allOnlinePlayersAnswered(UUID sessionId, int index, Set<Object> seenOnline) {
		SessionKeys keys = SessionKeys.of(sessionId);
		Set<Object> players = this.redis.opsForHash().keys(keys.players());
		if (players.isEmpty()) {
			return false;
		}
		Map<Object, Object> online = this.redis.opsForHash().entries(keys.online());
		online.forEach((player, sockets) -> {
			if (socketCount(sockets) > 0) {
				seenOnline.add(player);
			}
		});
		seenOnline.retainAll(players);
		if (seenOnline.isEmpty()) {
			return false;
		}
		return this.redis.opsForHash()
			.multiGet(keys.answers(index), new ArrayList<>(seenOnline))
			.stream()
			.allMatch(Objects::nonNull);
	}

	/**
	 * Where realtime-service has got with question {@code index}, read from the session's
	 * state hash: it moves the question's start and deadline when it applies the question
	 * late (a broker outage), so the clock counts from when phones could see it.
	 */
	public LiveQuestion liveQuestion(UUID sessionId, int index) {
		List<Object> fields = this.redis.opsForHash()
			.multiGet(SessionKeys.of(sessionId).state(), List.of("status", "questionIndex", "startedAt", "deadline"));
		String status = (String) fields.get(0);
		if (status == null) {
			return new LiveQuestion.Lost();
		}
		int applied = parseInt(fields.get(1), -1);
		if (applied < index || "LOBBY".equals(status)) {
			return new LiveQuestion.NotReached();
		}
		if (applied == index && "QUESTION".equals(status) && fields.get(2) != null && fields.get(3) != null) {
			return new LiveQuestion.Open(Instant.ofEpochMilli(Long.parseLong((String) fields.get(2))),
					Instant.ofEpochMilli(Long.parseLong((String) fields.get(3))));
		}
		return new LiveQuestion.Closed();
	}

	/** Question {@code index} as realtime-service holds it in Redis. */
	public sealed interface LiveQuestion {

		/** Open on the phones, from {@code startedAt} until {@code deadline}. */
		record Open(Instant startedAt, Instant deadline) implements LiveQuestion {
		}

		/** Not applied yet: its QuestionStarted has not reached realtime-service. */
		record NotReached() implements LiveQuestion {
		}

		/** Applied and closed, or moved past by a later event. */
		record Closed() implements LiveQuestion {
		}

		/** The session has no state in Redis: Redis lost it. */
		record Lost() implements LiveQuestion {
		}

	}

	/** Whether Redis holds the session's state hash (realtime-service's view of it). */
	public boolean hasLiveState(UUID sessionId) {
		return Boolean.TRUE.equals(this.redis.hasKey(SessionKeys.of(sessionId).state()));
	}

	/**
	 * A session's live state as session-service knows it, to write back after Redis lost
	 * it.
	 *
	 * @param state the state hash's fields, as realtime-service's scripts write them
	 * @param questionIndex the open or revealed question, -1 for none
	 * @param questionJson that question with its answers, or null
	 * @param scores points per player up to the last reveal
	 * @param streaks each player's streak as of the last reveal
	 * @param answers the open question's answers kept so far, player id → answer record
	 * (JSON, as realtime-service writes it)
	 */
	public record LiveState(Map<String, String> state, int questionIndex, String questionJson,
			Map<String, String> players, List<String> kicked, Map<String, Long> scores, Map<String, Integer> streaks,
			Map<String, String> answers) {
	}

	/**
	 * Writes {@code live} back if the session has no state hash in Redis.
	 * @return whether it wrote
	 */
	public boolean rebuild(UUID sessionId, LiveState live) {
		return writeLiveState(sessionId, live, "missing") == 1;
	}

	/** How a {@link #resync} went. */
	public enum Written {

		/** Nothing written: Redis's state is at the seq written or beyond. */
		NOTHING,

		/** The state hash was missing and is written. */
		REBUILT,

		/** The state hash was behind (below the seq written) and is replaced. */
		REWRITTEN

	}

	/**
	 * Writes {@code live} back if the session has no state hash in Redis, or one whose
	 * seq is below {@code live}'s.
	 */
	public Written resync(UUID sessionId, LiveState live) {
		return switch ((int) writeLiveState(sessionId, live, "behind")) {
			case 1 -> Written.REBUILT;
			case 2 -> Written.REWRITTEN;
			default -> Written.NOTHING;
		};
	}

	private long writeLiveState(UUID sessionId, LiveState live, String mode) {
		String json = this.jsonMapper
			.writeValueAsString(Map.of("state", live.state(), "players", live.players(), "kicked", live.kicked(),
					"scores", live.scores(), "streaks", live.streaks(), "answers", live.answers()));
		SessionKeys keys = SessionKeys.of(sessionId);
		int index = Math.max(live.questionIndex(), 0);
		List<String> scriptKeys = List.of(keys.state(), keys.players(), keys.kicked(), keys.scores(),
				keys.question(index), keys.streaks(), keys.answers(index), keys.distribution(index));
		Long written = this.redis.execute(WRITE_LIVE_STATE, scriptKeys, json,
				(live.questionJson() != null) ? live.questionJson() : "",
				Long.toString(SessionKeys.MAX_LIFETIME.toSeconds()), mode);
		return (written != null) ? written : 0;
	}

	/**
	 * Puts answers to question {@code index} (player id → answer record JSON) back into
	 * Redis while that question is open there, where Redis lost them: an answer accepted
	 * before Redis came back empty, consumed after the session's rebuild. Never
	 * overwrites an answer Redis holds.
	 * @return how many it put back
	 */
	public long writeBackAnswers(UUID sessionId, int index, Map<String, String> answers) {
		SessionKeys keys = SessionKeys.of(sessionId);
		List<String> args = new ArrayList<>(2 + 2 * answers.size());
		args.add(Integer.toString(index));
		args.add(LIFETIME_SECONDS);
		answers.forEach((player, record) -> {
			args.add(player);
			args.add(record);
		});
		Long written = this.redis.execute(WRITE_BACK_ANSWERS, List.of(keys.state(), keys.players(), keys.kicked(),
				keys.answers(index), keys.distribution(index), keys.scores(), keys.streaks()), args.toArray());
		return (written != null) ? written : 0;
	}

	/**
	 * The answers realtime-service recorded to question {@code index}: player id → answer
	 * record (JSON, as its answer script writes it).
	 */
	public Map<String, String> answerRecords(UUID sessionId, int index) {
		return this.redis.<String, String>opsForHash().entries(SessionKeys.of(sessionId).answers(index));
	}

	/** Each player's score as realtime-service keeps it: player id → points. */
	public Map<String, Double> scores(UUID sessionId) {
		Map<String, Double> scores = new HashMap<>();
		var entries = this.redis.opsForZSet().rangeWithScores(SessionKeys.of(sessionId).scores(), 0, -1);
		if (entries != null) {
			for (ZSetOperations.TypedTuple<String> entry : entries) {
				if (entry.getValue() != null && entry.getScore() != null) {
					scores.put(entry.getValue(), entry.getScore());
				}
			}
		}
		return scores;
	}

	/** The keys this service wrote live on for a while after the end, then go. */
	public void expireAfterEnd(UUID sessionId) {
		SessionKeys keys = SessionKeys.of(sessionId);
		this.redis.expire(keys.players(), SessionKeys.TTL_AFTER_END);
		this.redis.expire(keys.kicked(), SessionKeys.TTL_AFTER_END);
		this.redis.expire(keys.lobby(), SessionKeys.TTL_AFTER_END);
	}

	private static int parseInt(Object value, int absent) {
		try {
			return (value != null) ? Integer.parseInt(String.valueOf(value)) : absent;
		}
		catch (NumberFormatException ex) {
			return absent;
		}
	}

	private static long socketCount(Object value) {
		try {
			return Long.parseLong(String.valueOf(value).trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	private static void onRollback(Runnable undo) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_ROLLED_BACK) {
					undo.run();
				}
			}

		});
	}

}
