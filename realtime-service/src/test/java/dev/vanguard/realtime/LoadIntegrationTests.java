package dev.vanguard.realtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LoadIntegrationTests extends RealtimeIntegrationTests {

	private static final int PLAYERS = 500;

	@org.springframework.beans.factory.annotation.Autowired
	RealtimeMetrics metrics;

	@Test
	void recordsConcurrentAnswersOfFiveHundredPlayersExactlyOnceOnFlatThreads() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Game game = game().open();
		List<UUID> players = new ArrayList<>();
		for (int i = 0; i < PLAYERS; i++) {
			players.add(game.join("P" + i));
		}
		// Warm up: the client's and the server's event loops exist before the baseline.
		TestClient warm = player(game, players.get(0));
		warm.await("catchup");
		warm.close();
		await().until(() -> this.metrics.activeConnections() == 0);
		int baseline = threads.getThreadCount();

		List<TestClient> clients = new ArrayList<>();
		for (UUID player : players) {
			clients.add(player(game, player));
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> clients.stream()
				.allMatch((client) -> !client.frames("catchup").isEmpty() || client.closeCode() != null));
		assertThat(clients.stream().filter((client) -> client.closeCode() != null).map(TestClient::closeCode))
			.isEmpty();
		assertThat(clients).allMatch((client) -> !client.frames("catchup").isEmpty());
		int connected = threads.getThreadCount();
		game.start(0,
				new dev.vanguard.contracts.events.QuestionStarted.Question(
						dev.vanguard.contracts.QuestionType.SINGLE_CHOICE, "Capital of France?", null, 240, 1000,
						List.of("Paris", "Lyon", "Nice", "Lille"), List.of(0), List.of()));
		clients.forEach((client) -> client.await("question"));
		for (int i = 0; i < PLAYERS; i++) {
			clients.get(i).answer(0, i % 4);
			clients.get(i).answer(0, (i + 1) % 4);
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> clients.stream()
				.allMatch((client) -> client.frames("answer_accepted").size() + client.frames("error").size() >= 2));
		assertThat(clients.stream()
			.flatMap((client) -> client.frames("error").stream())
			.map((error) -> error.path("code").asString())
			.distinct()).containsExactly("ALREADY_ANSWERED");
		assertThat(clients).allMatch((client) -> client.frames("answer_accepted").size() == 1);
		assertThat(this.redis.opsForHash().size(game.keys.answers(0))).isEqualTo(PLAYERS);
		Map<Object, Object> distribution = this.redis.opsForHash().entries(game.keys.distribution(0));
		assertThat(distribution.values().stream().mapToInt((count) -> Integer.parseInt((String) count)).sum())
			.isEqualTo(PLAYERS);
		for (int i = 0; i < PLAYERS; i++) {
			String record = game.answerRecord(0, players.get(i));
			assertThat(this.mapper.readTree(record).path("options").get(0).asInt()).isEqualTo(i % 4);
			assertThat(game.score(players.get(i)) > 0).isEqualTo(i % 4 == 0);
		}

		clients.forEach(TestClient::close);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.metrics.activeConnections() == 0);
		// No platform thread per connection: the count does not grow with N, and is back
		// after.
		assertThat(connected).isLessThanOrEqualTo(baseline + 8);
		await().atMost(Duration.ofSeconds(30)).until(() -> threads.getThreadCount() <= baseline + 4);
	}

}
