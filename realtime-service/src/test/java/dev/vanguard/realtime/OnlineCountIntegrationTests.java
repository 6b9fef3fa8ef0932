package dev.vanguard.realtime;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vanguard.realtime.fanout.LocalSessions;
import dev.vanguard.testsupport.RedisTestConfiguration;
import dev.vanguard.testsupport.TestTokens;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.vanguard.realtime.TestInstances.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code online} hash session-service reads to close a question once every online
 * player answered: it must not keep counting the players of an instance that died without
 * closing their sockets.
 */
class OnlineCountIntegrationTests extends RealtimeIntegrationTests {

	private ConfigurableApplicationContext other;

	@AfterEach
	void stopOtherInstance() {
		if (this.other != null) {
			this.other.close();
		}
	}

	@Test
	void forgetsThePlayersOfAnInstanceThatStoppedWithoutClosingTheirSockets() {
		this.other = startInstance();
		Game game = game().open();
		UUID ann = game.join("Ann");
		UUID bob = game.join("Bob");
		TestClient annSocket = player(game, ann);
		annSocket.await("catchup");
		TestClient bobSocket = track(
				TestClient.connect(port(this.other), "token=" + TestTokens.player(game.sessionId, bob)));
		bobSocket.await("catchup");
		await().atMost(Duration.ofSeconds(10)).until(() -> online(game, ann) == 1 && online(game, bob) == 1);
		// Both instances heartbeat many times over the entries' lifetime: live players
		// stay counted.
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> online(game, ann) == 1 && online(game, bob) == 1);

		// The other instance stops heartbeating but never closes Bob's socket: to Redis
		// it is an instance that crashed.
		this.other.getBean(LocalSessions.class).stop();
		await().atMost(Duration.ofSeconds(15)).until(() -> online(game, bob) == 0);
		assertThat(online(game, ann)).isEqualTo(1);
		assertThat(bobSocket.isConnected()).as("the dead instance never closed the socket").isTrue();
		assertThat(this.redis.opsForHash().keys(game.keys.onlineLeases()))
			.doesNotContain(this.other.getEnvironment().getProperty("vanguard.realtime.instance-id"));

		// Bob reloads onto a live instance and counts again.
		TestClient bobAgain = player(game, bob);
		bobAgain.await("catchup");
		await().atMost(Duration.ofSeconds(10)).until(() -> online(game, bob) == 1);
	}

	private long online(Game game, UUID player) {
		Object count = this.redis.opsForHash().get(game.keys.online(), player.toString());
		return (count != null) ? Long.parseLong((String) count) : 0;
	}

	private ConfigurableApplicationContext startInstance() {
		return TestInstances.start(List.of(RedisTestConfiguration.class), EXCHANGE, QUEUE, RESYNC_QUEUE,
				"--vanguard.realtime.instance-id=" + UUID.randomUUID().toString().substring(0, 8),
				"--vanguard.realtime.online-heartbeat=" + ONLINE_HEARTBEAT);
	}

}
