package dev.vanguard.realtime;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vanguard.contracts.SessionKeys;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectIntegrationTests extends RealtimeIntegrationTests {

	@Test
	void givesTheHostAndOnlyTheHostTheLobbyControlsAndTheTwoStepPattern() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		assertThat(host(game).await("catchup").has("lobby")).as("no controls set yet").isFalse();
		// what session-service writes when the host turns two-step join on
		this.redis.opsForHash()
			.putAll(SessionKeys.of(game.sessionId).lobby(), Map.of("locked", "true", "maxPlayers", "30", "twoStepJoin",
					"true", "joinPattern", "circle,square,circle,diamond"));

		JsonNode lobby = host(game).await("catchup").path("lobby");
		assertThat(lobby.path("locked").asBoolean()).isTrue();
		assertThat(lobby.path("maxPlayers").asInt()).isEqualTo(30);
		assertThat(lobby.path("twoStepJoin").asBoolean()).isTrue();
		assertThat(lobby.path("joinPattern").values()).extracting(JsonNode::asString)
			.containsExactly("circle", "square", "circle", "diamond");
		assertThat(player(game, ann).await("catchup").has("lobby")).isFalse();
		this.redis.delete(SessionKeys.of(game.sessionId).lobby());
	}

	@Test
	void resumesPlayerAfterReloadMidQuestion() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient first = player(game, ann);
		first.await("catchup");
		game.start(0, singleChoice(2));
		first.await("question");
		first.answer(0, 2);
		first.await("answer_accepted");
		first.close();

		TestClient reloaded = player(game, ann);
		JsonNode catchup = reloaded.await("catchup");
		assertThat(reloaded.frames().get(0).path("type").asString()).isEqualTo("catchup");
		assertThat(catchup.path("status").asString()).isEqualTo("QUESTION");
		assertThat(catchup.path("seq").asLong()).isEqualTo(game.seq);
		assertThat(catchup.path("questionIndex").asInt()).isZero();
		assertThat(catchup.path("question").path("options")).hasSize(4);
		assertThat(catchup.path("question").has("correctOptions")).isFalse();
		assertThat(catchup.path("timeLeftMs").asLong()).isBetween(1L, 20_000L);
		assertThat(catchup.path("serverTime").asLong()).isPositive();
		assertThat(catchup.path("answer").path("options").toString()).isEqualTo("[2]");
		assertThat(catchup.path("you").path("nickname").asString()).isEqualTo("Ann");

		game.end(0);
		assertThat(reloaded.await("reveal").path("correctOptions").toString()).isEqualTo("[2]");
		assertThat(reloaded.await("result").path("correct").asBoolean()).isTrue();
	}

	@Test
	void reloadMidQuestionShowsTheStandingOfTheLastRevealOnly() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient first = player(game, ann);
		first.await("catchup");
		game.start(0, singleChoice(2));
		first.await("question");
		first.answer(0, 2);
		first.await("answer_accepted");
		game.end(0);
		JsonNode afterFirst = first.await("result");
		assertThat(afterFirst.path("correct").asBoolean()).isTrue();
		game.start(1, singleChoice(1));
		first.awaitNth("question", 2);
		first.answer(1, 1);
		first.awaitNth("answer_accepted", 2);
		first.close();

		JsonNode catchup = player(game, ann).await("catchup");
		assertThat(catchup.path("status").asString()).isEqualTo("QUESTION");
		assertThat(catchup.path("answer").path("options").toString()).isEqualTo("[1]");
		JsonNode standing = catchup.path("standing");
		assertThat(standing.path("score").asLong()).isEqualTo(afterFirst.path("score").asLong());
		assertThat(standing.path("streak").asInt()).isEqualTo(1);
		assertThat(standing.path("rank").asInt()).isEqualTo(1);
		assertThat(catchup.path("answer").has("correct")).isFalse();
		assertThat(catchup.path("answer").has("points")).isFalse();
	}

	@Test
	void catchesUpOnTheRevealAndTheHostRoster() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		game.join("Bob");
		game.start(0, singleChoice(1));
		game.end(0);
		game.awaitApplied();

		JsonNode player = player(game, ann).await("catchup");
		assertThat(player.path("status").asString()).isEqualTo("REVEAL");
		assertThat(player.path("reveal").path("correctOptions").toString()).isEqualTo("[1]");
		assertThat(player.path("result").path("answered").asBoolean()).isFalse();
		assertThat(player.path("standing").path("rank").asInt()).isEqualTo(1);

		JsonNode host = host(game).await("catchup");
		assertThat(host.path("players")).hasSize(2);
		assertThat(host.path("playerCount").asInt()).isEqualTo(2);
		assertThat(host.path("reveal").path("questionIndex").asInt()).isZero();
	}

	@Test
	void newerConnectionOfTheSamePlayerReplacesTheOlder() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient older = player(game, ann);
		older.await("catchup");
		TestClient newer = player(game, ann);
		newer.await("catchup");
		assertThat(older.awaitClose()).isEqualTo(4409);
		game.start(0, singleChoice(0));
		assertThat(newer.await("question").path("questionIndex").asInt()).isZero();
		assertThat(newer.isConnected()).isTrue();
	}

	@Test
	void newerHostScreenReplacesTheOlder() {
		Game game = game().open();
		TestClient older = host(game);
		older.await("catchup");
		TestClient newer = host(game);
		newer.await("catchup");
		assertThat(older.awaitClose()).isEqualTo(4409);
		assertThat(newer.isConnected()).isTrue();
	}

}
