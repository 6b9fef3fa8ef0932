package dev.vanguard.realtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.PlayerKicked;
import dev.vanguard.contracts.events.PodiumShown;
import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEnded;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.realtime.RealtimeProperties;
import dev.vanguard.realtime.protocol.ServerFrame;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Everything realtime-service does in Redis, each a single atomic script against the key
 * layout of {@link SessionKeys}, every key passed in {@code KEYS} ({@link ScriptKeys}):
 * applying a session event (state and PUBLISH together, in seq order), recording an
 * answer, and reading what a socket needs at the upgrade and for its catch-up.
 */
@Component
public class SessionStore {

	private static final long LIFETIME_SECONDS = SessionKeys.MAX_LIFETIME.toSeconds();

	/**
	 * A question applied later than this after session-service opened it (the broker was
	 * down) has its start and deadline moved by the delay: its time runs from when phones
	 * can see it.
	 */
	static final Duration QUESTION_START_GRACE = Duration.ofSeconds(1);

	/** How often a catch-up is read again when the question changed under it. */
	private static final int SNAPSHOT_ATTEMPTS = 3;

	private final ReactiveStringRedisTemplate redis;

	private final ObjectMapper mapper;

	private final RedisScript<String> sessionOpened;

	private final RedisScript<String> playerJoined;

	private final RedisScript<String> playerKicked;

	private final RedisScript<String> questionStarted;

	private final RedisScript<String> questionEnded;

	private final RedisScript<String> podiumShown;

	private final RedisScript<String> sessionEnded;

	private final RedisScript<String> answer;

	private final RedisScript<String> admit;

	private final RedisScript<String> catchup;

	private final RedisScript<Long> online;

	private final RedisScript<Long> announce;

	/** The head of every script: the keys by name, and the publish command. */
	private final String preamble;

	private final RedisScript<String> onlineHeartbeat;

	private final String instanceId;

	private final long onlineTtlMillis;

	/**
	 * Open sockets per session and player on this instance, as Redis confirmed them: what
	 * the heartbeat restores should this instance's online hash be lost. Counting only
	 * confirmed changes keeps a change still in flight from being counted twice.
	 */
	private final Map<UUID, Map<UUID, Integer>> confirmedOnline = new ConcurrentHashMap<>();

	public SessionStore(ReactiveStringRedisTemplate redis, ObjectMapper mapper, RealtimeProperties properties) {
		this.redis = redis;
		this.instanceId = properties.instanceId();
		this.onlineTtlMillis = properties.onlineTtl().toMillis();
		// Scripts leave out what does not apply; absent numbers and flags read as 0 and
		// false.
		this.mapper = mapper.rebuild().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
		// Redis Cluster: sharded Pub/Sub, so a broadcast goes to the session's shard
		// only.
		boolean sharded = redis.getConnectionFactory() instanceof LettuceConnectionFactory factory
				&& factory.isClusterAware();
		this.preamble = ScriptKeys.PREAMBLE + "local PUBLISH = '" + (sharded ? "SPUBLISH" : "PUBLISH") + "'\n";
		String json = text("json") + "\n";
		String common = json + text("apply-common") + "\n";
		this.sessionOpened = script(common + text("session-opened"), String.class);
		this.playerJoined = script(common + text("player-joined"), String.class);
		this.playerKicked = script(common + text("player-kicked"), String.class);
		this.questionStarted = script(common + text("question-started"), String.class);
		this.questionEnded = script(common + text("question-ended"), String.class);
		this.podiumShown = script(common + text("podium-shown"), String.class);
		this.sessionEnded = script(common + text("session-ended"), String.class);
		this.answer = script(text("answer"), String.class);
		this.admit = script(json + text("admit"), String.class);
		this.catchup = script(json + text("catchup"), String.class);
		this.onlineHeartbeat = script(text("online-heartbeat"), String.class);
		this.online = script(text("online"), Long.class);
		this.announce = script(text("announce"), Long.class);
	}

	/**
	 * Applies one event: if it is the session's next, changes the state and publishes the
	 * broadcast on the session's channel in the same script.
	 */
	public Mono<ApplyOutcome> apply(SessionEvent event) {
		SessionKeys keys = SessionKeys.of(event.sessionId());
		if (event instanceof SessionEnded) {
			// Its script expires every key of the session: those of each question too.
			return this.redis.<String, String>opsForHash()
				.get(keys.state(), "questionCount")
				.map(Integer::parseInt)
				.defaultIfEmpty(0)
				.flatMap((questionCount) -> apply(event, keys, ScriptKeys.of(keys, 0, keys.all(questionCount))));
		}
		int index = switch (event) {
			case QuestionStarted e -> e.index();
			case QuestionEnded e -> e.index();
			default -> 0;
		};
		return apply(event, keys, ScriptKeys.of(keys, index));
	}

	private Mono<ApplyOutcome> apply(SessionEvent event, SessionKeys keys, List<String> scriptKeys) {
		List<String> args = new ArrayList<>(List.of(Long.toString(event.seq()),
				Long.toString(event.createdAt().toEpochMilli()), Long.toString(LIFETIME_SECONDS)));
		RedisScript<String> script = switch (event) {
			case SessionOpened e -> {
				args.addAll(List.of(e.hostId().toString(), e.pin(), e.quizTitle(), Integer.toString(e.questionCount()),
						json(new ServerFrame.Lobby(e.seq(), e.quizTitle(), e.questionCount()))));
				yield this.sessionOpened;
			}
			case PlayerJoined e -> {
				args.addAll(List.of(e.playerId().toString(), e.nickname(), Integer.toString(e.playerCount())));
				yield this.playerJoined;
			}
			case PlayerKicked e -> {
				args.addAll(List.of(e.playerId().toString(),
						json(new ServerFrame.PlayerKicked(e.seq(), e.playerId(), e.nickname(), e.playerCount()))));
				yield this.playerKicked;
			}
			case QuestionStarted e -> {
				args.addAll(
						List.of(Integer.toString(e.index()), Integer.toString(e.questionCount()), json(e.question()),
								Long.toString(e.startedAt().toEpochMilli()), Long.toString(e.deadline().toEpochMilli()),
								json(questionFrame(e)), Long.toString(QUESTION_START_GRACE.toMillis())));
				yield this.questionStarted;
			}
			case QuestionEnded e -> {
				args.addAll(List.of(Integer.toString(e.index()), e.reason().name()));
				yield this.questionEnded;
			}
			case PodiumShown e -> this.podiumShown;
			case SessionEnded e -> {
				args.add(Long.toString(SessionKeys.TTL_AFTER_END.toSeconds()));
				yield this.sessionEnded;
			}
		};
		return this.redis.execute(script, scriptKeys, args).next().map(ApplyOutcome::valueOf);
	}

	/** Records one answer, or says why not. */
	public Mono<AnswerOutcome> answer(SubmittedAnswer submitted) {
		SessionKeys keys = SessionKeys.of(submitted.sessionId());
		boolean typed = submitted.options() == null;
		List<String> args = List.of(submitted.playerId().toString(), Integer.toString(submitted.questionIndex()),
				typed ? "text" : "options", typed ? "[]" : json(submitted.options()), typed ? submitted.text() : "",
				typed ? submitted.normalised() : "", Long.toString(LIFETIME_SECONDS));
		return this.redis.execute(this.answer, ScriptKeys.of(keys, submitted.questionIndex()), args)
			.next()
			.map((raw) -> read(raw, AnswerOutcome.class));
	}

	/** The session's state as far as admitting {@code principalId} is concerned. */
	public Mono<Admission> admission(UUID sessionId, String principalId) {
		return this.redis.execute(this.admit, ScriptKeys.of(SessionKeys.of(sessionId), 0), List.of(principalId))
			.next()
			.map((raw) -> read(raw, Admission.class));
	}

	/**
	 * A consistent snapshot for a catch-up frame. The script needs the keys of the
	 * current question, so the index is read first; should the question change before the
	 * script runs, it says so and runs again with the new one.
	 */
	public Mono<Snapshot> snapshot(UUID sessionId, boolean host, String playerId) {
		SessionKeys keys = SessionKeys.of(sessionId);
		return this.redis.<String, String>opsForHash()
			.get(keys.state(), "questionIndex")
			.map(Integer::parseInt)
			.defaultIfEmpty(-1)
			.flatMap((index) -> snapshot(keys, host, playerId, index, SNAPSHOT_ATTEMPTS));
	}

	private Mono<Snapshot> snapshot(SessionKeys keys, boolean host, String playerId, int index, int attempts) {
		List<String> args = List.of(host ? "HOST" : "PLAYER", (playerId != null) ? playerId : "",
				Integer.toString(index));
		return this.redis.execute(this.catchup, ScriptKeys.of(keys, index), args)
			.next()
			.map((raw) -> read(raw, Snapshot.class))
			.flatMap((snapshot) -> {
				if (snapshot.retry() == null) {
					return Mono.just(snapshot);
				}
				if (attempts <= 1) {
					return Mono.error(new IllegalStateException("The question of session " + keys.sessionId()
							+ " kept changing while its catch-up was read"));
				}
				return snapshot(keys, host, playerId, snapshot.retry(), attempts - 1);
			});
	}

	/**
	 * The host's lobby controls as session-service wrote them; empty (in the Optional)
	 * before the host set any.
	 */
	public Mono<Optional<ServerFrame.LobbyControls>> lobbyControls(UUID sessionId) {
		return this.redis.<String, String>opsForHash()
			.entries(SessionKeys.of(sessionId).lobby())
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.map((fields) -> fields.isEmpty() ? Optional.<ServerFrame.LobbyControls>empty() : Optional
				.of(new ServerFrame.LobbyControls(Boolean.parseBoolean(fields.get("locked")),
						(fields.get("maxPlayers") != null) ? Integer.valueOf(fields.get("maxPlayers")) : null,
						Boolean.parseBoolean(fields.get("twoStepJoin")),
						(fields.get("joinPattern") != null) ? List.of(fields.get("joinPattern").split(",")) : null)));
	}

	/** The seq the session's state was last changed by (0 when unknown). */
	public Mono<Long> seq(UUID sessionId) {
		return this.redis.<String, String>opsForHash()
			.get(SessionKeys.of(sessionId).state(), "seq")
			.map(Long::parseLong)
			.defaultIfEmpty(0L);
	}

	/**
	 * The seq the session's state was last changed by (0 when unknown) and the id of
	 * session-service's last rebuild of it (empty when none, or no state): a rebuild
	 * writes the state back at a seq the instances may have applied already.
	 */
	public Mono<StateVersion> version(UUID sessionId) {
		return this.redis.<String, String>opsForHash()
			.multiGet(SessionKeys.of(sessionId).state(), List.of("seq", "rebuildId"))
			.map((values) -> new StateVersion((values.get(0) != null) ? Long.parseLong(values.get(0)) : 0,
					(values.get(1) != null) ? values.get(1) : ""));
	}

	/** Where a session's state stands: see {@link #version}. */
	public record StateVersion(long seq, String rebuildId) {
	}

	/** How many answered question {@code index}, and how many players there are. */
	public Mono<int[]> answerCount(UUID sessionId, int index) {
		SessionKeys keys = SessionKeys.of(sessionId);
		return Mono.zip(this.redis.opsForHash().size(keys.answers(index)), this.redis.opsForHash().size(keys.players()))
			.map((counts) -> new int[] { counts.getT1().intValue(), counts.getT2().intValue() });
	}

	/**
	 * Counts one more (or one fewer) open socket of a player on this instance, and
	 * updates the player's count in the session's {@code online} hash.
	 */
	public Mono<Void> online(UUID sessionId, UUID playerId, int delta) {
		List<String> args = List.of(this.instanceId, playerId.toString(), Integer.toString(delta),
				Long.toString(this.onlineTtlMillis), Long.toString(LIFETIME_SECONDS));
		return this.redis.execute(this.online, ScriptKeys.of(SessionKeys.of(sessionId), 0), args)
			.then(Mono.fromRunnable(() -> confirmOnline(sessionId, playerId, delta)));
	}

	/**
	 * Keeps this instance's online counts of a session alive and recomputes the session's
	 * {@code online} hash from the instances still alive: the players of an instance that
	 * stopped without closing its sockets stop counting once its hash expires.
	 */
	public Mono<Void> onlineHeartbeat(UUID sessionId) {
		List<String> args = new ArrayList<>(
				List.of(this.instanceId, Long.toString(this.onlineTtlMillis), Long.toString(LIFETIME_SECONDS)));
		this.confirmedOnline.getOrDefault(sessionId, Map.of()).forEach((player, sockets) -> {
			args.add(player.toString());
			args.add(sockets.toString());
		});
		return this.redis.execute(this.onlineHeartbeat, ScriptKeys.of(SessionKeys.of(sessionId), 0), args).then();
	}

	private void confirmOnline(UUID sessionId, UUID playerId, int delta) {
		this.confirmedOnline.compute(sessionId, (id, players) -> {
			Map<UUID, Integer> counts = (players != null) ? players : new ConcurrentHashMap<>();
			counts.compute(playerId, (player, sockets) -> {
				int total = ((sockets != null) ? sockets : 0) + delta;
				return (total > 0) ? total : null;
			});
			return counts.isEmpty() ? null : counts;
		});
	}

	/** Publishes a message on the session's channel (connection announcements). */
	public Mono<Long> publish(UUID sessionId, String message) {
		return this.redis.execute(this.announce, ScriptKeys.of(SessionKeys.of(sessionId), 0), List.of(message)).next();
	}

	private static ServerFrame.Question questionFrame(QuestionStarted e) {
		QuestionStarted.Question q = e.question();
		return new ServerFrame.Question(e.seq(), e.createdAt().toEpochMilli(), 0, e.index(), e.questionCount(),
				new ServerFrame.QuestionView(q.type(), q.text(), q.imageUrl(), q.options(), q.timeLimitSeconds(),
						q.points()),
				e.startedAt().toEpochMilli(), e.deadline().toEpochMilli());
	}

	private String json(Object value) {
		return this.mapper.writeValueAsString(value);
	}

	private <T> T read(String raw, Class<T> type) {
		return this.mapper.readValue(raw, type);
	}

	private <T> RedisScript<T> script(String body, Class<T> result) {
		return RedisScript.of(this.preamble + body, result);
	}

	private static String text(String name) {
		try (var in = new ClassPathResource("scripts/" + name + ".lua").getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
