package dev.vanguard.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.vanguard.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits that protect an instance, set small in a context of their own (the other
 * tests need more sockets and longer silences): a 2 s idle timeout with pings every 500
 * ms, and at most three sockets.
 */
class ConnectionLimitsIntegrationTests extends RealtimeIntegrationTests {

	static final int MAX_CONNECTIONS = 3;

	@Autowired
	RealtimeMetrics metrics;

	@DynamicPropertySource
	static void limits(DynamicPropertyRegistry registry) {
		registry.add("vanguard.realtime.idle-timeout", () -> "2s");
		registry.add("vanguard.realtime.ping-interval", () -> "500ms");
		registry.add("vanguard.realtime.max-connections", () -> Integer.toString(MAX_CONNECTIONS));
	}

	@BeforeEach
	void awaitNoSockets() {
		// The previous test's sockets close asynchronously; each test needs every slot.
		await().atMost(Duration.ofSeconds(20)).until(() -> this.metrics.activeConnections() == 0);
	}

	@Test
	void closesAClientThatAnswersNoPingsAfterTheIdleTimeout() throws Exception {
		Game game = game().open();
		UUID ann = game.join("Ann");
		UUID bob = game.join("Bob");
		TestClient answering = player(game, ann);
		answering.await("catchup");
		try (RawSocket silent = new RawSocket(this.port, "token=" + TestTokens.player(game.sessionId, bob))) {
			assertThat(silent.response()).startsWith("HTTP/1.1 101");
			List<Integer> opcodes = new ArrayList<>();
			RawSocket.Frame frame = silent.read();
			while (frame != null && frame.opcode() != RawSocket.OPCODE_CLOSE) {
				opcodes.add(frame.opcode());
				frame = silent.read();
			}
			assertThat(frame).as("a close frame").isNotNull();
			assertThat(frame.closeCode()).isEqualTo(4001);
			// It was pinged and did not answer: silence, not a missing ping, closed it.
			assertThat(opcodes).contains(RawSocket.OPCODE_TEXT, RawSocket.OPCODE_PING);
		}
		// The other client sent nothing itself for longer than the idle timeout, but its
		// pongs kept it open.
		assertThat(answering.isConnected()).isTrue();
		answering.send("{\"type\":\"ping\"}");
		assertThat(answering.await("pong")).isNotNull();
		assertThat(answering.closeCode()).isNull();
	}

	@Test
	void refusesASocketOverTheLimitWithTryAgainLaterAndAdmitsOneWhenASlotFrees() {
		Game game = game().open();
		List<UUID> players = new ArrayList<>();
		for (int i = 0; i <= MAX_CONNECTIONS; i++) {
			players.add(game.join("P" + i));
		}
		List<TestClient> admitted = new ArrayList<>();
		for (int i = 0; i < MAX_CONNECTIONS; i++) {
			TestClient client = player(game, players.get(i));
			client.await("catchup");
			admitted.add(client);
		}
		TestClient refused = player(game, players.get(MAX_CONNECTIONS));
		assertThat(refused.awaitClose()).isEqualTo(1013);
		assertThat(refused.frames()).isEmpty();
		for (TestClient client : admitted) {
			client.send("{\"type\":\"ping\"}");
			assertThat(client.await("pong")).isNotNull();
			assertThat(client.isConnected()).isTrue();
		}

		admitted.get(0).close();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.metrics.activeConnections() < MAX_CONNECTIONS);
		TestClient later = player(game, players.get(MAX_CONNECTIONS));
		assertThat(later.await("catchup").path("you").path("playerId").asString())
			.isEqualTo(players.get(MAX_CONNECTIONS).toString());
		assertThat(later.isConnected()).isTrue();
	}

}
