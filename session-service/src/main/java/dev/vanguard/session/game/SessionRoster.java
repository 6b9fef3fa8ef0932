package dev.vanguard.session.game;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.vanguard.contracts.SessionKeys;

/**
 * The part of a session's Redis state that session-service owns (who is in, who was
 * kicked) and reads (who is online, who answered). Writes happen inside the transaction
 * that records the change, so before its event is published; if that transaction rolls
 * back, the write is undone.
 */
@Component
class SessionRoster {

	/**
	 * Adds the player and counts the roster in one round trip: KEYS[1] the players hash,
	 * ARGV player id, nickname, lifetime in seconds.
	 */
	private static final RedisScript<Long> ADD_PLAYER = RedisScript.of("""
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			redis.call('EXPIRE', KEYS[1], ARGV[3])
			return redis.call('HLEN', KEYS[1])
			""", Long.class);

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

	private final StringRedisTemplate redis;

	SessionRoster(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Adds the player; returns how many players the session has with them. Called under
	 * the session's row lock, so the count is this join's own: the next join waits.
	 */
	int addPlayer(UUID sessionId, UUID playerId, String nickname) {
		SessionKeys keys = SessionKeys.of(sessionId);
		String player = playerId.toString();
		Long count = this.redis.execute(ADD_PLAYER, List.of(keys.players()), player, nickname, LIFETIME_SECONDS);
		onRollback(() -> this.redis.opsForHash().delete(keys.players(), player));
		return Math.toIntExact(Objects.requireNonNull(count));
	}

	/**
	 * The host's lobby controls, for the host's catch-up on realtime-service (the big
	 * screen shows the two-step pattern). Written after the commit: a rolled-back change
	 * never shows.
	 */
	void writeLobby(UUID sessionId, boolean locked, Integer maxPlayers, boolean twoStepJoin, String joinPattern) {
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
	 * Removes the player and marks their token dead; returns how many players are left
	 * (under the session's row lock, as {@link #addPlayer}).
	 */
	int kickPlayer(UUID sessionId, UUID playerId, String nickname) {
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
	 * Whether at least one player is online and every online player has an answer record
	 * for question {@code index}: then the question can close before its deadline.
	 */
	boolean allOnlinePlayersAnswered(UUID sessionId, int index) {
		SessionKeys keys = SessionKeys.of(sessionId);
		Map<Object, Object> online = this.redis.opsForHash().entries(keys.online());
		if (online.isEmpty()) {
			return false;
		}
		Set<Object> players = this.redis.opsForHash().keys(keys.players());
		List<Object> connected = new ArrayList<>();
		online.forEach((player, sockets) -> {
			if (socketCount(sockets) > 0 && players.contains(player)) {
				connected.add(player);
			}
		});
		if (connected.isEmpty()) {
			return false;
		}
		return this.redis.opsForHash().multiGet(keys.answers(index), connected).stream().allMatch(Objects::nonNull);
	}

	/** The keys this service wrote live on for a while after the end, then go. */
	void expireAfterEnd(UUID sessionId) {
		SessionKeys keys = SessionKeys.of(sessionId);
		this.redis.expire(keys.players(), SessionKeys.TTL_AFTER_END);
		this.redis.expire(keys.kicked(), SessionKeys.TTL_AFTER_END);
		this.redis.expire(keys.lobby(), SessionKeys.TTL_AFTER_END);
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
