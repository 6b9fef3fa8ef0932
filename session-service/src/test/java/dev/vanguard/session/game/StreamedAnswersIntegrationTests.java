package dev.vanguard.session.game;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.vanguard.contracts.events.AnswerAccepted;
import dev.vanguard.session.results.AnswerRecord;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Accepted answers streamed from realtime-service ({@link AnswerAccepted}) are kept in
 * PostgreSQL as they come, and are what a rebuild puts back into Redis for the open
 * question (docs/adr/0008-accepted-answers-streamed-to-postgresql.md). The tests play
 * realtime-service's part: its answer script's writes in Redis, and its messages.
 */
class StreamedAnswersIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private GameClock clock;

	@Value("${vanguard.session.answers.queue}")
	private String answersQueue;

	@Test
	void keepsEachAcceptedAnswerOnceAndNoneOfAKickedPlayer() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		AnswerAccepted ada = accepted(game, game.ada(), 1, 2, true, 1400, 2, 800);
		acceptInRedis(game, ada);
		AnswerAccepted mallory = accepted(game, game.kicked(), 1, 2, true, 1000, 1, 700);

		stream(ada);
		stream(ada);
		stream(mallory);
		stream(new AnswerAccepted(game.session(), 1, UUID.fromString(game.ada()), List.of(0), null, false, 0, 0, 900,
				0));
		awaitKept(game.session(), 1, 1);

		Map<String, Object> row = this.jdbc.queryForMap(
				"SELECT options::text AS options, answer_text, correct, points, streak, response_ms, answered_at "
						+ "FROM player_answers WHERE session_id = ? AND question_index = 1",
				game.session());
		assertThat(row).containsEntry("options", "[2]")
			.containsEntry("correct", true)
			.containsEntry("points", 1400)
			.containsEntry("streak", 2)
			.containsEntry("response_ms", 800L)
			.containsEntry("answer_text", null);
		assertThat(((java.sql.Timestamp) row.get("answered_at")).getTime()).isEqualTo(ada.answeredAt());
		// Redis held the answer already (as it always does unless it lost it): untouched
		assertThat(this.redis.opsForZSet().score(game.keys().scores(), game.ada())).isEqualTo(900 + 1400);

		// the copy at the close leaves the answer as it was kept
		this.api.control(this.host, game.session(), "reveal");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM player_answers WHERE session_id = ? AND question_index = 1", Long.class,
				game.session()))
			.isEqualTo(1);
	}

	@Test
	void aRebuildPutsTheOpenQuestionsKeptAnswersBackIntoRedis() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		AnswerAccepted ada = accepted(game, game.ada(), 1, 2, true, 1400, 2, 800);
		acceptInRedis(game, ada);
		stream(ada);
		awaitKept(game.session(), 1, 1);

		restartRedisEmpty(game.keys());
		this.clock.rebuildLostLiveState(Instant.now());

		JsonNode record = this.jsonMapper
			.readTree((String) this.redis.opsForHash().get(game.keys().answers(1), game.ada()));
		assertThat(record.path("options").toString()).isEqualTo("[2]");
		assertThat(record.path("correct").asBoolean()).isTrue();
		assertThat(record.path("points").asInt()).isEqualTo(1400);
		assertThat(record.path("streak").asInt()).isEqualTo(2);
		assertThat(record.path("responseMs").asLong()).isEqualTo(800);
		assertThat(record.path("answeredAt").asLong()).isEqualTo(ada.answeredAt());
		assertThat(this.redis.opsForHash().entries(game.keys().answers(1))).containsOnlyKeys(game.ada());
		// scored as when it was accepted: the kept reveal's points and this answer's,
		// once
		assertThat(this.redis.opsForZSet().score(game.keys().scores(), game.ada())).isEqualTo(900 + 1400);
		assertThat(this.redis.opsForZSet().score(game.keys().scores(), game.grace())).isZero();
		assertThat(this.redis.opsForHash().entries(game.keys().streaks())).containsEntry(game.ada(), "2")
			.containsEntry(game.grace(), "0");
		assertThat(this.redis.opsForHash().entries(game.keys().distribution(1))).isEqualTo(Map.of("2", "1"));

		this.api.control(this.host, game.session(), "end");
		JsonNode standing = results(game.session()).path("standings").get(0);
		assertThat(standing.path("nickname").asString()).isEqualTo("ada");
		assertThat(standing.path("totalScore").asLong()).isEqualTo(900 + 1400);
		assertThat(standing.path("answeredCount").asInt()).isEqualTo(2);
	}

	@Test
	void anAnswerConsumedAfterTheRebuildIsWrittenBackWhileItsQuestionIsOpen() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		restartRedisEmpty(game.keys());
		this.clock.rebuildLostLiveState(Instant.now());
		// after the rebuild, ada answers again and realtime-service accepts it
		AnswerAccepted adaAgain = accepted(game, game.ada(), 1, 0, false, 0, 0, 3000);
		acceptInRedis(game, adaAgain);
		String adaInRedis = (String) this.redis.opsForHash().get(game.keys().answers(1), game.ada());

		// accepted before Redis came back empty, consumed only now
		stream(accepted(game, game.grace(), 1, 1, false, 0, 0, 900));
		stream(accepted(game, game.ada(), 1, 2, true, 1400, 2, 800));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.redis.opsForHash().hasKey(game.keys().answers(1), game.grace()));

		JsonNode grace = this.jsonMapper
			.readTree((String) this.redis.opsForHash().get(game.keys().answers(1), game.grace()));
		assertThat(grace.path("options").toString()).isEqualTo("[1]");
		assertThat(grace.path("responseMs").asLong()).isEqualTo(900);
		assertThat(this.redis.opsForHash().entries(game.keys().distribution(1))).isEqualTo(Map.of("0", "1", "1", "1"));
		// never overwrites the answer Redis holds
		awaitKept(game.session(), 1, 2);
		assertThat(this.redis.opsForHash().get(game.keys().answers(1), game.ada())).isEqualTo(adaInRedis);
		assertThat(this.redis.opsForZSet().score(game.keys().scores(), game.ada())).isEqualTo(900);

		// a question no longer open is left alone in Redis, and kept all the same
		stream(accepted(game, game.grace(), 0, 2, true, 700, 1, 1000));
		awaitKept(game.session(), 0, 2);
		assertThat(this.redis.opsForHash().hasKey(game.keys().answers(0), game.grace())).isFalse();
	}

	private AnswerAccepted accepted(PlayedGame game, String player, int index, int option, boolean correct, int points,
			int streak, long responseMs) {
		return new AnswerAccepted(game.session(), index, UUID.fromString(player), List.of(option), null, correct,
				points, streak, responseMs, System.currentTimeMillis());
	}

	/** What realtime-service's answer script writes for an answer it accepts. */
	private void acceptInRedis(PlayedGame game, AnswerAccepted answer) {
		String player = answer.playerId().toString();
		this.redis.opsForHash()
			.put(game.keys().answers(answer.questionIndex()), player,
					this.jsonMapper
						.writeValueAsString(new AnswerRecord(answer.options(), answer.text(), answer.correct(),
								answer.points(), answer.streak(), answer.responseMs(), answer.answeredAt())));
		for (int option : answer.options()) {
			this.redis.opsForHash()
				.increment(game.keys().distribution(answer.questionIndex()), Integer.toString(option), 1);
		}
		this.redis.opsForZSet().incrementScore(game.keys().scores(), player, answer.points());
		this.redis.opsForHash().put(game.keys().streaks(), player, Integer.toString(answer.streak()));
	}

	private void stream(AnswerAccepted answer) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		this.rabbit.send("", this.answersQueue, new Message(this.jsonMapper.writeValueAsBytes(answer), properties));
	}

	private void awaitKept(UUID session, int index, long count) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM player_answers WHERE session_id = ? AND question_index = ?", Long.class,
					session, index), (kept) -> kept == count);
	}

	private JsonNode results(UUID session) {
		return this.api.get("/api/sessions/" + session + "/results", HostKeys.token(this.host)).json();
	}

}
