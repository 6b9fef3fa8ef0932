package dev.vanguard.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.realtime.store.SessionStore;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lobby's frames: the host hears joins gathered into one {@code players_joined} frame
 * per roster interval, kicks in their place between them, and players hear only how many
 * have joined ({@code player_count}), never who.
 */
class LobbyFramesIntegrationTests extends RealtimeIntegrationTests {

	@Autowired
	SessionStore store;

	@Test
	void gathersAJoinStormIntoFewRosterFramesInJoinOrder() {
		Game game = game().open();
		TestClient host = host(game);
		host.await("catchup");
		int joins = 600;
		Instant started = Instant.now();
		// applied straight through the store, as fast as Redis takes them: the roster
		// frames, not the event queue, are under test
		for (int i = 0; i < joins; i++) {
			UUID player = UUID.randomUUID();
			this.redis.opsForHash().put(game.keys.players(), player.toString(), "Player " + i);
			this.store.apply(new PlayerJoined(game.sessionId, ++game.seq, Instant.now(), player, "Player " + i, i + 1))
				.block(Duration.ofSeconds(10));
		}

		assertThat(host.awaitJoined(joins))
			.containsExactlyElementsOf(IntStream.range(0, joins).mapToObj((i) -> "Player " + i).toList());
		List<JsonNode> frames = host.frames("players_joined");
		// one frame per 100 ms tick (ticks a loaded machine delayed may come in pairs)
		long applying = Duration.between(started, Instant.now()).toMillis();
		assertThat(frames).hasSizeLessThanOrEqualTo((int) (applying / 50) + 5);
		int named = 0;
		long seq = 0;
		for (JsonNode frame : frames) {
			int players = frame.path("players").size();
			assertThat(players).isBetween(1, 500);
			named += players;
			// the count right after the frame's last join, which is its seq
			assertThat(frame.path("playerCount").asInt()).isEqualTo(named);
			assertThat(frame.path("seq").asLong()).isEqualTo(1 + named).isGreaterThan(seq);
			seq = frame.path("seq").asLong();
		}
		assertThat(host.frames("player_joined")).isEmpty();
	}

	@Test
	void sendsAKickBetweenTheJoinsBeforeAndAfterIt() {
		Game game = game().open();
		TestClient host = host(game);
		host.await("catchup");
		UUID ann = game.join("Ann");
		game.join("Bob");
		game.kick(ann);
		game.join("Cid");

		await().atMost(Duration.ofSeconds(20)).until(() -> roster(host).size() == 4);
		assertThat(roster(host)).containsExactly("+Ann", "+Bob", "-Ann", "+Cid");
		assertThat(host.await("player_kicked").path("playerCount").asInt()).isEqualTo(1);
		assertThat(host.frames("players_joined").getLast().path("playerCount").asInt()).isEqualTo(2);
	}

	@Test
	void eachJoinCarriesTheCountTakenWhenItHappened() {
		Game game = game().open();
		TestClient host = host(game);
		host.await("catchup");
		// session-service writes both players before realtime-service applies either
		// join:
		// counting the roster when a join is applied would say 2 for both
		UUID ann = UUID.randomUUID();
		UUID bob = UUID.randomUUID();
		this.redis.opsForHash().put(game.keys.players(), ann.toString(), "Ann");
		this.redis.opsForHash().put(game.keys.players(), bob.toString(), "Bob");

		publish(new PlayerJoined(game.sessionId, ++game.seq, Instant.now(), ann, "Ann", 1));
		assertThat(host.awaitNth("players_joined", 1).path("playerCount").asInt()).isEqualTo(1);
		publish(new PlayerJoined(game.sessionId, ++game.seq, Instant.now(), bob, "Bob", 2));
		assertThat(host.awaitNth("players_joined", 2).path("playerCount").asInt()).isEqualTo(2);
	}

	@Test
	void tellsPlayersInTheLobbyHowManyJoinedButNeverWho() {
		Game game = game().open();
		TestClient ann = player(game, game.join("Ann"));
		assertThat(ann.await("catchup").path("playerCount").asInt()).isEqualTo(1);
		game.join("Bob");
		UUID cid = game.join("Cid");
		JsonNode three = ann.await("player_count", (frame) -> frame.path("playerCount").asInt() == 3);
		assertThat(three.path("seq").asLong()).isEqualTo(game.seq);
		game.kick(cid);
		assertThat(ann.await("player_count", (frame) -> frame.path("seq").asLong() == game.seq)
			.path("playerCount")
			.asInt()).isEqualTo(2);

		game.start(0, singleChoice(0));
		long question = ann.await("question").path("seq").asLong();
		game.join("Dee");
		game.awaitApplied();
		// out of the lobby the count is no news worth a frame to every phone
		await().during(Duration.ofMillis(800))
			.atMost(Duration.ofSeconds(5))
			.until(() -> ann.frames("player_count", (frame) -> frame.path("seq").asLong() > question).isEmpty());

		List<JsonNode> counts = ann.frames("player_count");
		List<Long> seqs = counts.stream().map((frame) -> frame.path("seq").asLong()).toList();
		assertThat(seqs).doesNotHaveDuplicates().isSorted();
		assertThat(ann.frames("players_joined")).isEmpty();
		assertThat(ann.frames("player_kicked")).isEmpty();
		assertThat(ann.frames()).noneMatch((frame) -> frame.toString().contains("Bob"));
	}

	/** The roster changes the host heard, in order: "+name" joined, "-name" kicked. */
	private static List<String> roster(TestClient host) {
		List<String> changes = new ArrayList<>();
		for (JsonNode frame : host.frames()) {
			switch (frame.path("type").asString()) {
				case "players_joined" -> frame.path("players")
					.valueStream()
					.forEach((p) -> changes.add("+" + p.path("nickname").asString()));
				case "player_kicked" -> changes.add("-" + frame.path("nickname").asString());
				default -> {
				}
			}
		}
		return changes;
	}

}
