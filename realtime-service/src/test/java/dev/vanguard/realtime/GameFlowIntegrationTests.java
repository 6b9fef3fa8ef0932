package dev.vanguard.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vanguard.contracts.QuestionType;
import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.QuestionStarted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GameFlowIntegrationTests extends RealtimeIntegrationTests {

	@Test
	void sendsRosterChangesToTheHostOnly() {
		Game game = game().open();
		TestClient host = host(game);
		host.await("catchup");
		TestClient ann = player(game, game.join("Ann"));
		ann.await("catchup");

		game.join("Bob");
		assertThat(host.awaitJoined(2)).containsExactly("Ann", "Bob");
		game.start(0, singleChoice(0));
		ann.await("question");

		// Frames reach a socket in seq order: had Bob's join come to Ann, it would be
		// here.
		assertThat(ann.frames("players_joined")).isEmpty();
		assertThat(ann.frames("player_kicked")).isEmpty();
	}

	@Test
	void playsAWholeGameWithAHostAndPlayers() {
		Game game = game().open();
		TestClient host = host(game);
		JsonNode hostCatchup = host.await("catchup");
		assertThat(hostCatchup.path("role").asString()).isEqualTo("HOST");
		assertThat(hostCatchup.path("status").asString()).isEqualTo("LOBBY");
		assertThat(hostCatchup.path("pin").asString()).isEqualTo("123456");

		UUID ann = game.join("Ann");
		UUID bob = game.join("Bob");
		host.awaitJoined(2);
		assertThat(host.frames("players_joined").getLast().path("playerCount").asInt()).isEqualTo(2);
		TestClient annSocket = player(game, ann);
		TestClient bobSocket = player(game, bob);
		JsonNode annCatchup = annSocket.await("catchup");
		assertThat(annCatchup.path("you").path("nickname").asString()).isEqualTo("Ann");
		assertThat(annCatchup.has("pin")).isFalse();
		bobSocket.await("catchup");

		// Question 0, single choice, opened 10 s ago so the time factor is visible.
		Instant startedAt = Instant.now().minusSeconds(10);
		game.start(0, singleChoice(0), startedAt, startedAt.plusSeconds(20));
		JsonNode question = annSocket.await("question");
		assertThat(question.path("seq").asLong()).isEqualTo(game.seq);
		assertThat(question.path("question").has("correctOptions")).isFalse();
		assertThat(question.path("question").path("options")).hasSize(4);
		assertThat(question.path("deadline").asLong()).isEqualTo(startedAt.plusSeconds(20).toEpochMilli());
		bobSocket.await("question");
		annSocket.answer(0, 0);
		bobSocket.answer(0, 1);
		assertThat(annSocket.await("answer_accepted").path("questionIndex").asInt()).isZero();
		bobSocket.await("answer_accepted");
		assertThat(host.await("answer_count", (f) -> f.path("answerCount").asInt() == 2).path("playerCount").asInt())
			.isEqualTo(2);

		long annMs = this.mapper.readTree(game.answerRecord(0, ann)).path("responseMs").asLong();
		game.end(0);
		JsonNode reveal = host.await("reveal");
		assertThat(reveal.path("correctOptions").toString()).isEqualTo("[0]");
		assertThat(reveal.path("distribution").toString()).isEqualTo("[1,1,0,0]");
		assertThat(reveal.path("top").get(0).path("nickname").asString()).isEqualTo("Ann");
		assertThat(host.frames("result")).isEmpty();
		JsonNode annResult = annSocket.await("result");
		assertThat(annResult.path("correct").asBoolean()).isTrue();
		assertThat(annResult.path("points").asLong()).isEqualTo(kahoot(1000, 1.0, annMs, 20));
		assertThat(annResult.path("rank").asInt()).isEqualTo(1);
		assertThat(annResult.path("streak").asInt()).isEqualTo(1);
		JsonNode bobResult = bobSocket.await("result");
		assertThat(bobResult.path("points").asInt()).isZero();
		assertThat(bobResult.path("rank").asInt()).isEqualTo(2);
		annSocket.await("reveal");

		// Question 1, multiple select: Ann all right (streak bonus), Bob one right one
		// wrong.
		game.start(1, new QuestionStarted.Question(QuestionType.MULTIPLE_SELECT, "Primes?", null, 30, 2000,
				List.of("2", "4", "5", "9"), List.of(0, 2), List.of()));
		annSocket.await("question", (f) -> f.path("questionIndex").asInt() == 1);
		bobSocket.await("question", (f) -> f.path("questionIndex").asInt() == 1);
		annSocket.answer(1, 0, 2);
		bobSocket.answer(1, 0, 1);
		annSocket.awaitNth("answer_accepted", 2);
		bobSocket.awaitNth("answer_accepted", 2);
		JsonNode annRecord = this.mapper.readTree(game.answerRecord(1, ann));
		assertThat(annRecord.path("correct").asBoolean()).isTrue();
		assertThat(annRecord.path("streak").asInt()).isEqualTo(2);
		assertThat(annRecord.path("points").asLong())
			.isEqualTo(kahoot(2000, 1.0, annRecord.path("responseMs").asLong(), 30) + 100);
		assertThat(annRecord.path("options").toString()).isEqualTo("[0,2]");
		JsonNode bobRecord = this.mapper.readTree(game.answerRecord(1, bob));
		assertThat(bobRecord.path("correct").asBoolean()).isFalse();
		assertThat(bobRecord.path("points").asInt()).isZero();
		game.end(1);
		annSocket.awaitNth("result", 2);

		// Question 2, type the answer: accents, case and spaces do not matter.
		game.start(2, new QuestionStarted.Question(QuestionType.TYPE_ANSWER, "Capital of France?", null, 20, 1000,
				List.of(), List.of(), List.of("paris")));
		annSocket.await("question", (f) -> f.path("questionIndex").asInt() == 2);
		bobSocket.await("question", (f) -> f.path("questionIndex").asInt() == 2);
		annSocket.answerText(2, "  PÁRIS ");
		bobSocket.answerText(2, "Lyon");
		annSocket.awaitNth("answer_accepted", 3);
		bobSocket.awaitNth("answer_accepted", 3);
		assertThat(this.mapper.readTree(game.answerRecord(2, ann)).path("correct").asBoolean()).isTrue();
		assertThat(this.mapper.readTree(game.answerRecord(2, ann)).path("text").asString()).isEqualTo("PÁRIS");
		game.end(2);
		JsonNode typedReveal = host.awaitNth("reveal", 3);
		assertThat(typedReveal.path("correctCount").asInt()).isEqualTo(1);
		assertThat(typedReveal.path("acceptedAnswers").toString()).isEqualTo("[\"paris\"]");
		assertThat(typedReveal.path("distribution").toString()).isEqualTo("[]");

		// Question 3, a poll: no points, the streak stays.
		double annBefore = game.score(ann);
		game.start(3, new QuestionStarted.Question(QuestionType.POLL, "Favourite?", null, 20, 1000,
				List.of("Tea", "Coffee"), List.of(), List.of()));
		annSocket.await("question", (f) -> f.path("questionIndex").asInt() == 3);
		annSocket.answer(3, 1);
		annSocket.awaitNth("answer_accepted", 4);
		game.end(3);
		JsonNode pollResult = annSocket.awaitNth("result", 4);
		assertThat(pollResult.path("points").asInt()).isZero();
		assertThat(pollResult.path("streak").asInt()).isEqualTo(3);
		assertThat(game.score(ann)).isEqualTo(annBefore);
		assertThat(bobSocket.awaitNth("result", 4).path("streak").asInt()).isZero();

		game.podium();
		JsonNode podium = host.await("podium");
		assertThat(podium.path("top")).hasSize(2);
		assertThat(podium.path("top").get(0).path("playerId").asString()).isEqualTo(ann.toString());
		assertThat(annSocket.await("final_result").path("rank").asInt()).isEqualTo(1);
		assertThat(bobSocket.await("final_result").path("rank").asInt()).isEqualTo(2);

		game.finish();
		assertThat(host.await("session_ended").path("top")).hasSize(2);
		assertThat(annSocket.awaitClose()).isEqualTo(4000);
		assertThat(bobSocket.awaitClose()).isEqualTo(4000);
		assertThat(host.awaitClose()).isEqualTo(4000);
		Long ttl = this.redis.getExpire(game.keys.state());
		assertThat(ttl).isBetween(1L, SessionKeys.TTL_AFTER_END.toSeconds());
		assertThat(this.redis.getExpire(game.keys.answers(0))).isBetween(1L, SessionKeys.TTL_AFTER_END.toSeconds());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "0".equals(this.redis.opsForHash().get(game.keys.online(), ann.toString())));
	}

	@Test
	void kicksAPlayerAndRefusesTheTokenAfterwards() {
		Game game = game().open();
		TestClient host = host(game);
		host.await("catchup");
		UUID eve = game.join("Eve");
		TestClient eveSocket = player(game, eve);
		eveSocket.await("catchup");
		game.kick(eve);
		assertThat(eveSocket.awaitClose()).isEqualTo(4410);
		assertThat(host.await("player_kicked").path("playerId").asString()).isEqualTo(eve.toString());
		assertThat(player(game, eve).awaitClose()).isEqualTo(4410);
		assertThat(game.score(eve)).isNull();
	}

	@Test
	void countsPlayersOnlineWhileTheirSocketIsOpen() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		game.awaitApplied();
		TestClient socket = player(game, ann);
		socket.await("catchup");
		await().until(() -> "1".equals(this.redis.opsForHash().get(game.keys.online(), ann.toString())));
		TestClient host = host(game);
		assertThat(host.await("catchup").path("players").get(0).path("online").asBoolean()).isTrue();
		socket.close();
		await().until(() -> "0".equals(this.redis.opsForHash().get(game.keys.online(), ann.toString())));
	}

	/** Kahoot's rule: full points under half a second, then down to half at the limit. */
	static long kahoot(int points, double fraction, long responseMs, int limitSeconds) {
		double factor = (responseMs < 500) ? 1
				: 1 - ((double) Math.min(responseMs, limitSeconds * 1000L) / (limitSeconds * 1000L)) / 2;
		return Math.round(Math.floor(points * fraction * factor + 0.5));
	}

}
