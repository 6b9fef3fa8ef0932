package dev.vanguard.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vanguard.testsupport.RedisTestConfiguration;
import dev.vanguard.testsupport.TestTokens;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

import static dev.vanguard.realtime.TestInstances.port;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances in one JVM, each its own application context on its own port, all on
 * the same queue, Redis and exchange, as they would run behind the gateway.
 */
class MultiInstanceIntegrationTests extends RealtimeIntegrationTests {

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void everyClientOfThreeInstancesReceivesOnePublishedQuestion() {
		int[] ports = { this.port, port(startInstance()), port(startInstance()) };
		Game game = game().open();
		List<UUID> players = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			players.add(game.join("P" + i));
		}
		game.awaitApplied();
		List<TestClient> clients = new ArrayList<>();
		for (int i = 0; i < players.size(); i++) {
			clients.add(track(
					TestClient.connect(ports[i % 3], "token=" + TestTokens.player(game.sessionId, players.get(i)))));
		}
		clients.forEach((client) -> client.await("catchup"));
		game.start(0, singleChoice(0));
		clients.forEach((client) -> assertThat(client.await("question").path("seq").asLong()).isEqualTo(game.seq));
		clients.forEach((client) -> assertThat(client.frames("question")).hasSize(1));
	}

	@Test
	void tellsClientsToGoAwayOnShutdownAndOthersCarryOn() {
		ConfigurableApplicationContext other = startInstance();
		Game game = game().open();
		UUID ann = game.join("Ann");
		UUID bob = game.join("Bob");
		game.awaitApplied();
		TestClient leaving = track(TestClient.connect(port(other), "token=" + TestTokens.player(game.sessionId, ann)));
		leaving.await("catchup");
		TestClient staying = player(game, bob);
		staying.await("catchup");
		other.close();
		assertThat(leaving.awaitClose()).isEqualTo(1001);

		TestClient resumed = player(game, ann);
		resumed.await("catchup");
		game.start(0, singleChoice(0));
		assertThat(resumed.await("question").path("questionIndex").asInt()).isZero();
		assertThat(staying.await("question").path("questionIndex").asInt()).isZero();
	}

	@Test
	void opensSocketsOnlyWhileTheFanOutRuns() {
		ConfigurableApplicationContext other = startInstance();
		// At start-up: Redis fan-out, then the web server, then the gate; on shutdown the
		// reverse, after the event consumer.
		assertThat(phase(other, "localSessions")).isLessThan(phase(other, "webServerStartStop"));
		assertThat(phase(other, "webServerStartStop")).isLessThan(phase(other, "webServerGracefulShutdown"));
		assertThat(phase(other, "webServerGracefulShutdown")).isLessThan(phase(other, "socketGate"));
		assertThat(phase(other, "socketGate")).isLessThan(phase(other, "sessionEventsContainer"));
	}

	@Test
	void refusesNewSocketsWith503OnceTheGateClosesAndTellsOpenOnesToGoAway() throws Exception {
		ConfigurableApplicationContext other = startInstance();
		Game game = game().open();
		UUID ann = game.join("Ann");
		game.awaitApplied();
		String token = "token=" + TestTokens.player(game.sessionId, ann);
		TestClient open = track(TestClient.connect(port(other), token));
		open.await("catchup");
		Lifecycle gate = other.getBean("socketGate", Lifecycle.class);

		gate.stop();

		assertThat(open.awaitClose()).isEqualTo(1001);
		try (RawSocket refused = new RawSocket(port(other), token)) {
			assertThat(refused.response()).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 1");
		}
		gate.start();
		TestClient again = track(TestClient.connect(port(other), token));
		again.await("catchup");
	}

	@Test
	void refusesNewSocketsFromTheMomentShutdownBeginsWhileOpenOnesStillGetTheirFrames() throws Exception {
		ConfigurableApplicationContext other = startInstance();
		Game game = game().open();
		UUID ann = game.join("Ann");
		UUID bob = game.join("Bob");
		game.awaitApplied();
		TestClient open = track(TestClient.connect(port(other), "token=" + TestTokens.player(game.sessionId, ann)));
		open.await("catchup");

		// what close() publishes first, before the event consumer and then the gate stop
		other.publishEvent(new ContextClosedEvent(other));

		try (RawSocket refused = new RawSocket(port(other), "token=" + TestTokens.player(game.sessionId, bob))) {
			assertThat(refused.response()).startsWith("HTTP/1.1 503");
		}
		game.start(0, singleChoice(0));
		assertThat(open.await("question").path("questionIndex").asInt()).isZero();
		other.getBean("socketGate", Lifecycle.class).stop();
		assertThat(open.awaitClose()).isEqualTo(1001);
	}

	private static int phase(ConfigurableApplicationContext context, String bean) {
		return context.getBean(bean, SmartLifecycle.class).getPhase();
	}

	private ConfigurableApplicationContext startInstance() {
		ConfigurableApplicationContext context = TestInstances.start(List.of(RedisTestConfiguration.class), EXCHANGE,
				QUEUE, RESYNC_QUEUE, "--vanguard.realtime.resync-interval=500ms");
		this.instances.add(context);
		return context;
	}

}
