package dev.vanguard.realtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.ObjectMapper;

import dev.vanguard.contracts.QuestionType;
import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.PlayerKicked;
import dev.vanguard.contracts.events.PodiumShown;
import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEnded;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.testsupport.Infrastructure;
import dev.vanguard.testsupport.RabbitTestConfiguration;
import dev.vanguard.testsupport.RedisTestConfiguration;
import dev.vanguard.testsupport.TestTokens;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the integration tests: one application context (cached across every test
 * class) against the real Redis and RabbitMQ, with test key sets for host and player
 * tokens and a queue and exchange of this run's own. Tests play session-service's part:
 * they write the players hash and publish the contract events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ RedisTestConfiguration.class, RabbitTestConfiguration.class })
abstract class RealtimeIntegrationTests {

	static final String EXCHANGE = Infrastructure.uniqueName("realtime_events_x");

	static final String QUEUE = Infrastructure.uniqueName("realtime_events_q");

	static final String RESYNC_QUEUE = Infrastructure.uniqueName("realtime_resync_q");

	static final String ANSWERS_QUEUE = Infrastructure.uniqueName("realtime_answers_q");

	/** Short, so a crashed instance's players leave {@code online} within seconds. */
	static final String ONLINE_HEARTBEAT = "500ms";

	static {
		// Check at once and often: many clients are awaited one after the other.
		org.awaitility.Awaitility.setDefaultPollDelay(java.time.Duration.ZERO);
		org.awaitility.Awaitility.setDefaultPollInterval(java.time.Duration.ofMillis(10));
	}

	@LocalServerPort
	int port;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ObjectMapper mapper;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final List<UUID> sessions = new ArrayList<>();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestBroker.deleteOnExit(EXCHANGE, QUEUE);
		TestBroker.deleteOnExit(RESYNC_QUEUE);
		TestBroker.deleteOnExit(ANSWERS_QUEUE);
		registry.add("vanguard.realtime.auth-jwks-uri", () -> TestTokens.authJwksUri());
		registry.add("vanguard.realtime.session-jwks-uri", () -> TestTokens.sessionJwksUri());
		registry.add("vanguard.realtime.amqp.exchange", () -> EXCHANGE);
		registry.add("vanguard.realtime.amqp.queue", () -> QUEUE);
		registry.add("vanguard.realtime.amqp.queue-expires", () -> "5m");
		registry.add("vanguard.realtime.amqp.resync-queue", () -> RESYNC_QUEUE);
		registry.add("vanguard.realtime.amqp.answers-queue", () -> ANSWERS_QUEUE);
		// Short enough for a test to watch, long enough for every reordering test to
		// resolve well within it.
		registry.add("vanguard.realtime.amqp.resync-after", () -> "1s");
		registry.add("vanguard.realtime.amqp.held-timeout", () -> "15s");
		// the shared broker's own old queue belongs to the running platform
		registry.add("vanguard.realtime.amqp.legacy-queue", () -> "");
		registry.add("vanguard.realtime.allowed-origins", () -> "http://localhost:8080");
		registry.add("vanguard.realtime.send-queue-capacity", () -> "64");
		registry.add("vanguard.realtime.write-stall-timeout", () -> "2s");
		registry.add("vanguard.realtime.socket-send-buffer-bytes", () -> "8192");
		registry.add("vanguard.realtime.resync-interval", () -> "500ms");
		registry.add("vanguard.realtime.online-heartbeat", () -> ONLINE_HEARTBEAT);
		registry.add("vanguard.realtime.rate-limit.burst", () -> "30");
		registry.add("vanguard.realtime.rate-limit.per-second", () -> "10");
	}

	@AfterEach
	void cleanUp() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		for (UUID session : this.sessions) {
			Set<String> keys = this.redis.keys(SessionKeys.of(session).pattern());
			if (keys != null && !keys.isEmpty()) {
				this.redis.delete(keys);
			}
		}
	}

	Game game() {
		Game game = new Game();
		this.sessions.add(game.sessionId);
		return game;
	}

	TestClient connect(String query) {
		return track(TestClient.connect(this.port, query));
	}

	/**
	 * Connects the game's host once realtime-service applied what was published so far.
	 */
	TestClient host(Game game) {
		game.awaitApplied();
		return connect("token=" + TestTokens.host(game.hostId) + "&session=" + game.sessionId);
	}

	TestClient player(Game game, UUID playerId) {
		game.awaitApplied();
		return connect("token=" + TestTokens.player(game.sessionId, playerId));
	}

	<T extends AutoCloseable> T track(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

	void publish(SessionEvent event) {
		publish(this.rabbit, event);
	}

	void publish(RabbitTemplate template, SessionEvent event) {
		TestInstances.publish(template, this.mapper, EXCHANGE, event);
	}

	static QuestionStarted.Question singleChoice(int correct) {
		return new QuestionStarted.Question(QuestionType.SINGLE_CHOICE, "Capital of France?", null, 20, 1000,
				List.of("Paris", "Lyon", "Nice", "Lille"), List.of(correct), List.of());
	}

	/**
	 * One session as session-service would drive it: state in Redis, events on the
	 * exchange.
	 */
	final class Game {

		final UUID sessionId = UUID.randomUUID();

		final UUID hostId = UUID.randomUUID();

		final SessionKeys keys = SessionKeys.of(this.sessionId);

		long seq;

		int questionCount = 4;

		Game open() {
			publish(new SessionOpened(this.sessionId, ++this.seq, Instant.now(), this.hostId, "123456", "Capitals",
					this.questionCount));
			return this;
		}

		UUID join(String nickname) {
			UUID playerId = UUID.randomUUID();
			RealtimeIntegrationTests.this.redis.opsForHash().put(this.keys.players(), playerId.toString(), nickname);
			publish(new PlayerJoined(this.sessionId, ++this.seq, Instant.now(), playerId, nickname, playerCount()));
			return playerId;
		}

		void kick(UUID playerId) {
			String nickname = (String) RealtimeIntegrationTests.this.redis.opsForHash()
				.get(this.keys.players(), playerId.toString());
			RealtimeIntegrationTests.this.redis.opsForSet().add(this.keys.kicked(), playerId.toString());
			RealtimeIntegrationTests.this.redis.opsForHash().delete(this.keys.players(), playerId.toString());
			publish(new PlayerKicked(this.sessionId, ++this.seq, Instant.now(), playerId, nickname, playerCount()));
		}

		/** The players in the session, counted as session-service counts them. */
		int playerCount() {
			return Math.toIntExact(RealtimeIntegrationTests.this.redis.opsForHash().size(this.keys.players()));
		}

		QuestionStarted start(int index, QuestionStarted.Question question) {
			Instant now = Instant.now();
			return start(index, question, now, now.plusSeconds(question.timeLimitSeconds()));
		}

		QuestionStarted start(int index, QuestionStarted.Question question, Instant startedAt, Instant deadline) {
			QuestionStarted event = new QuestionStarted(this.sessionId, ++this.seq, Instant.now(), index,
					this.questionCount, question, startedAt, deadline);
			publish(event);
			return event;
		}

		void end(int index) {
			publish(new QuestionEnded(this.sessionId, ++this.seq, Instant.now(), index, QuestionEnded.Reason.HOST));
		}

		void podium() {
			publish(new PodiumShown(this.sessionId, ++this.seq, Instant.now()));
		}

		void finish() {
			publish(new SessionEnded(this.sessionId, ++this.seq, Instant.now()));
		}

		/** Waits until realtime-service applied every event published so far. */
		void awaitApplied() {
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(20))
				.until(() -> Long.toString(this.seq)
					.equals(RealtimeIntegrationTests.this.redis.opsForHash().get(this.keys.state(), "seq")));
		}

		String answerRecord(int index, UUID playerId) {
			return (String) RealtimeIntegrationTests.this.redis.opsForHash()
				.get(this.keys.answers(index), playerId.toString());
		}

		Double score(UUID playerId) {
			return RealtimeIntegrationTests.this.redis.opsForZSet().score(this.keys.scores(), playerId.toString());
		}

	}

}
