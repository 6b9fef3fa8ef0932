package dev.vanguard.realtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.vanguard.contracts.events.PlayerJoined;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * session-service publishes a session's events from several threads, so they can reach
 * the queue out of seq order; realtime-service still applies them in order, without
 * stalling.
 */
class EventOrderIntegrationTests extends RealtimeIntegrationTests {

	@Autowired
	RealtimeProperties properties;

	@Test
	void appliesAnEventThatOvertookItsPredecessorRightAfterIt() {
		Game game = game().open();
		TestClient host = host(game);
		host.await("catchup");
		UUID ann = seat(game, "Ann");
		UUID bob = seat(game, "Bob");

		publish(new PlayerJoined(game.sessionId, 3, Instant.now(), bob, "Bob", 2));
		// Another session goes on while this one waits for its seq 2.
		Game other = game().open();
		other.awaitApplied();
		publish(new PlayerJoined(game.sessionId, 2, Instant.now(), ann, "Ann", 1));
		game.seq = 3;
		game.awaitApplied();

		assertThat(host.awaitJoined(2)).containsExactly("Ann", "Bob");
		assertThat(host.frames("players_joined").getLast().path("seq").asLong()).isEqualTo(3);
	}

	@Test
	void appliesAWholeBurstThatArrivedInReverseOrder() {
		Game game = game().open();
		TestClient host = host(game);
		host.await("catchup");
		int joins = 40;
		List<UUID> players = new ArrayList<>();
		for (int i = 0; i < joins; i++) {
			players.add(seat(game, "Player " + i));
		}

		for (int i = joins - 1; i >= 0; i--) {
			publish(new PlayerJoined(game.sessionId, i + 2, Instant.now(), players.get(i), "Player " + i, i + 1));
		}
		game.seq = joins + 1;
		game.awaitApplied();

		assertThat(host.awaitJoined(joins))
			.containsExactlyElementsOf(IntStream.range(0, joins).mapToObj((i) -> "Player " + i).toList());
		List<Long> seqs = host.frames("players_joined").stream().map((frame) -> frame.path("seq").asLong()).toList();
		assertThat(seqs).isSorted().endsWith((long) joins + 1);
	}

	@Test
	void appliesEventsReorderedFurtherThanTheConsumerCanHold() {
		Game game = game().open();
		game.awaitApplied();
		int joins = this.properties.amqp().prefetch() + 50;
		List<UUID> players = new ArrayList<>();
		for (int i = 0; i < joins; i++) {
			players.add(seat(game, "Player " + i));
		}

		for (int i = joins - 1; i >= 0; i--) {
			publish(new PlayerJoined(game.sessionId, i + 2, Instant.now(), players.get(i), "Player " + i, i + 1));
		}
		game.seq = joins + 1;
		game.awaitApplied();

		assertThat(this.redis.opsForZSet().size(game.keys.scores())).isEqualTo(joins);
	}

	/**
	 * Writes a player into the session as session-service does before publishing the
	 * join.
	 */
	private UUID seat(Game game, String nickname) {
		UUID playerId = UUID.randomUUID();
		this.redis.opsForHash().put(game.keys.players(), playerId.toString(), nickname);
		return playerId;
	}

}
