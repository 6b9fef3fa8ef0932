package dev.vanguard.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.realtime.fanout.LocalSessions;
import dev.vanguard.testsupport.RedisServers;
import dev.vanguard.testsupport.TestTokens;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Pub/Sub connection comes back whichever way it went: Redis dropping every Pub/Sub
 * client ({@code CLIENT KILL TYPE pubsub}, on a Redis of this test's own so no one else's
 * subscriber goes with it), or the connection factory's client being replaced (stopping
 * and starting the factory, as a test framework does to a context it sets aside, closes
 * every connection the old client made). Either way the phone hears what was published
 * meanwhile (live or in a catch-up) and then hears broadcasts live again.
 */
class SubscriberReconnectIntegrationTests {

	private OwnRedisInstance instance;

	@BeforeEach
	void start() {
		this.instance = OwnRedisInstance.on(RedisServers.standalone(), "--vanguard.realtime.resync-interval=500ms");
	}

	@AfterEach
	void stop() {
		if (this.instance != null) {
			this.instance.close();
		}
	}

	@Test
	void deliversAgainAfterRedisKilledEveryPubSubConnection() {
		UUID session = UUID.randomUUID();
		try (TestClient socket = phoneIn(session)) {
			String before = subscriberId();

			assertThat(this.instance.redisCommand("CLIENT", "KILL", "TYPE", "pubsub").strip()).isEqualTo("1");

			hearsAgain(session, socket, before);
		}
	}

	@Test
	void deliversAgainAfterTheRedisClientWasReplaced() {
		UUID session = UUID.randomUUID();
		try (TestClient socket = phoneIn(session)) {
			String before = subscriberId();
			LettuceConnectionFactory factory = this.instance.bean(LettuceConnectionFactory.class);

			factory.stop();
			factory.start();

			hearsAgain(session, socket, before);
		}
	}

	private TestClient phoneIn(UUID session) {
		UUID player = UUID.randomUUID();
		redis().opsForHash().put(SessionKeys.of(session).players(), player.toString(), "Ann");
		publish(new SessionOpened(session, 1, Instant.now(), UUID.randomUUID(), "123456", "Capitals", 2));
		publish(new PlayerJoined(session, 2, Instant.now(), player, "Ann", 1));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "2".equals(redis().opsForHash().get(SessionKeys.of(session).state(), "seq")));
		TestClient socket = TestClient.connect(this.instance.port(), "token=" + TestTokens.player(session, player));
		socket.await("catchup");
		return socket;
	}

	/**
	 * A question published while the subscriber may be away reaches the phone, live or in
	 * a catch-up; once a new subscriber connection is there, a reveal arrives live.
	 */
	private void hearsAgain(UUID session, TestClient socket, String subscriberBefore) {
		Instant now = Instant.now();
		publish(new QuestionStarted(session, 3, now, 0, 2, RealtimeIntegrationTests.singleChoice(0), now,
				now.plusSeconds(30)));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !socket.frames("question", (f) -> f.path("questionIndex").asInt() == 0).isEmpty()
					|| !socket.frames("catchup", (f) -> f.path("questionIndex").asInt() == 0).isEmpty());
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			String id = subscriberId();
			return id != null && !id.equals(subscriberBefore);
		});

		publish(new QuestionEnded(session, 4, Instant.now(), 0, QuestionEnded.Reason.HOST));
		assertThat(socket.await("reveal", (f) -> f.path("questionIndex").asInt() == 0)).isNotNull();
	}

	/** The id of this instance's subscriber connection in {@code CLIENT LIST}, if any. */
	private String subscriberId() {
		String name = this.instance.bean(LocalSessions.class).subscriberName();
		return redis().execute((RedisConnection connection) -> connection.serverCommands()
			.getClientList()
			.stream()
			.filter((client) -> name.equals(client.getName()))
			.map((client) -> client.get("id"))
			.findFirst()
			.orElse(null));
	}

	private StringRedisTemplate redis() {
		return this.instance.bean(StringRedisTemplate.class);
	}

	private void publish(SessionEvent event) {
		this.instance.publish(event);
	}

}
