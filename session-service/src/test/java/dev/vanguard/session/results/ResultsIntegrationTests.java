package dev.vanguard.session.results;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.core.RedisCallback;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.session.support.Api.Response;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.QuizStub.Question;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Test
	void storesEveryAnswerAndTheStandingsWhenTheSessionEnds() {
		Game game = playTwoQuestions();
		JsonNode results = this.api.get("/api/sessions/" + game.session() + "/results", HostKeys.token(this.host))
			.json();
		assertThat(results.path("standings").values()).extracting((row) -> row.path("nickname").asString())
			.containsExactly("ada", "=cmd", "grace");
		JsonNode ada = results.path("standings").get(0);
		assertThat(results.path("liveStateLost").asBoolean()).isFalse();
		assertThat(ada.path("rank").asInt()).isEqualTo(1);
		assertThat(ada.path("totalScore").asLong()).isEqualTo(2700);
		assertThat(ada.path("correctCount").asInt()).isEqualTo(2);
		assertThat(ada.path("answeredCount").asInt()).isEqualTo(2);
		assertThat(results.path("standings").get(1).path("rank").asInt()).isEqualTo(2);
		assertThat(results.path("standings").get(2).path("totalScore").asLong()).isZero();

		JsonNode first = results.path("questions").get(0);
		assertThat(first.path("text").asString()).isEqualTo("Colour?");
		assertThat(first.path("answered").asInt()).isEqualTo(2);
		assertThat(first.path("correct").asInt()).isEqualTo(1);
		assertThat(first.path("averageResponseMs").asLong()).isEqualTo(2000);
		assertThat(first.path("distribution").values()).extracting(JsonNode::asInt).containsExactly(1, 0, 1, 0);
		assertThat(first.path("correctOptions").values()).extracting(JsonNode::asInt).containsExactly(2);
		JsonNode second = results.path("questions").get(1);
		assertThat(second.path("answered").asInt()).isEqualTo(2);
		assertThat(second.path("type").asString()).isEqualTo("TYPE_ANSWER");
	}

	@Test
	void downloadsTheResultsAsCsvWithFormulaCellsNeutralised() {
		Game game = playTwoQuestions();
		Response response = this.api.get("/api/sessions/" + game.session() + "/results.csv", HostKeys.token(this.host));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/csv");
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((value) -> assertThat(value).contains("attachment", ".csv"));
		assertThat(response.body().split("\r\n", -1)).containsExactly(
				"nickname,question,question_text,answer,correct,points,response_time_ms",
				"ada,1,Colour?,Blue,true,900,1000", "ada,2,Capital of France?,paris,true,1800,2500",
				"'=cmd,1,Colour?,Red,false,0,3000",
				"'=cmd,2,Capital of France?,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",false,0,4000",
				"grace,1,Colour?,,false,0,", "grace,2,Capital of France?,,false,0,", "",
				"nickname,rank,total_score,correct_count", "ada,1,2700,2", "'=cmd,2,100,0", "grace,3,0,0", "",
				"live_state_lost", "false", "");
	}

	@Test
	void refusesResultsBeforeTheEndAndToAnyoneButTheHost() {
		UUID quiz = quiz(this.host, single("Only?"));
		UUID session = UUID.fromString(this.api.openSession(this.host, quiz, null).path("id").asString());
		String results = "/api/sessions/" + session + "/results";
		assertThat(this.api.get(results, HostKeys.token(this.host)).problem(409).path("detail").asString())
			.contains("LOBBY");
		this.api.get(results + ".csv", HostKeys.token(this.host)).problem(409);
		this.api.control(this.host, session, "end");
		assertThat(this.api.get(results, HostKeys.token(this.host)).status()).isEqualTo(200);
		this.api.get(results, HostKeys.token(UUID.randomUUID())).problem(403);
		this.api.get(results + ".csv", HostKeys.token(UUID.randomUUID())).problem(403);
		this.api.get(results, null).problem(401);
		this.api.get(results + ".csv", null).problem(401);
		this.api.get("/api/sessions/" + UUID.randomUUID() + "/results", HostKeys.token(this.host)).problem(404);
	}

	@Test
	void endingMidQuestionClosesItForAnswersBeforeReadingTheResults() {
		UUID quiz = quiz(this.host, single("Colour?"), single("Next?"));
		JsonNode created = this.api.openSession(this.host, quiz, null);
		UUID session = UUID.fromString(created.path("id").asString());
		String ada = this.api.join(created.path("pin").asString(), "ada").path("playerId").asString();
		this.api.control(this.host, session, "start");
		SessionKeys keys = SessionKeys.of(session);
		applyQuestion(keys, 0);
		answer(keys, 0, ada, "{\"options\":[2],\"correct\":true,\"points\":900,\"streak\":1,\"responseMs\":1000}");
		this.redis.opsForZSet().add(keys.scores(), ada, 900);

		this.api.control(this.host, session, "end");
		// realtime-service's answer script refuses whatever comes after the deadline it
		// finds in the state: the podium it sends later reads the scores stored here
		assertThat(deadline(keys)).isLessThan(redisTime());
		JsonNode results = this.api.get("/api/sessions/" + session + "/results", HostKeys.token(this.host)).json();
		assertThat(results.path("standings").get(0).path("totalScore").asLong()).isEqualTo(900);
		assertThat(results.path("standings").get(0).path("answeredCount").asInt()).isEqualTo(1);
	}

	@Test
	void aRevealClosesTheQuestionForAnswersAtOnce() {
		UUID quiz = quiz(this.host, single("Colour?"), single("Next?"));
		UUID session = UUID.fromString(this.api.openSession(this.host, quiz, null).path("id").asString());
		this.api.control(this.host, session, "start");
		SessionKeys keys = SessionKeys.of(session);
		applyQuestion(keys, 0);
		assertThat(deadline(keys)).isGreaterThan(redisTime());

		this.api.control(this.host, session, "reveal");
		// before its QuestionEnded is applied (that may wait for the broker)
		assertThat(deadline(keys)).isLessThan(redisTime());
		assertThat(this.redis.opsForHash().get(keys.state(), "status")).isEqualTo("QUESTION");
	}

	/** The state realtime-service writes when it applies question {@code index}. */
	private void applyQuestion(SessionKeys keys, int index) {
		long now = redisTime();
		this.redis.opsForHash()
			.putAll(keys.state(), Map.of("status", "QUESTION", "questionIndex", Integer.toString(index), "startedAt",
					Long.toString(now), "deadline", Long.toString(now + 60_000)));
	}

	private long deadline(SessionKeys keys) {
		return Long.parseLong((String) this.redis.opsForHash().get(keys.state(), "deadline"));
	}

	private long redisTime() {
		return this.redis.execute((RedisCallback<Long>) (connection) -> connection.serverCommands().time());
	}

	/**
	 * Two questions; realtime-service's part (answers, scores) written to Redis in the
	 * documented layout. ada answers both right, "=cmd" both wrong (with a formula as
	 * typed answer), grace never answers.
	 */
	private Game playTwoQuestions() {
		UUID quiz = quiz(this.host, Question.single("Colour?", 60, List.of("Red", "Green", "Blue", "Yellow"), 2),
				Question.typed("Capital of France?", 60, List.of("Paris")));
		JsonNode created = this.api.openSession(this.host, quiz, null);
		UUID session = UUID.fromString(created.path("id").asString());
		String pin = created.path("pin").asString();
		String ada = this.api.join(pin, "ada").path("playerId").asString();
		String cmd = this.api.join(pin, "=cmd").path("playerId").asString();
		this.api.join(pin, "grace");
		SessionKeys keys = SessionKeys.of(session);
		this.api.control(this.host, session, "start");
		applyQuestion(keys, 0);
		answer(keys, 0, ada, "{\"options\":[2],\"correct\":true,\"points\":900,\"streak\":1,\"responseMs\":1000}");
		answer(keys, 0, cmd, "{\"options\":[0],\"correct\":false,\"points\":0,\"streak\":0,\"responseMs\":3000}");
		this.api.control(this.host, session, "reveal");
		this.api.control(this.host, session, "next");
		answer(keys, 1, ada, "{\"text\":\"paris\",\"correct\":true,\"points\":1800,\"streak\":2,\"responseMs\":2500}");
		answer(keys, 1, cmd, "{\"text\":\"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\",\"correct\":false,"
				+ "\"points\":0,\"streak\":0,\"responseMs\":4000}");
		this.redis.opsForZSet().add(keys.scores(), ada, 2700);
		// a streak bonus realtime-service gave, so the total is the score, not a sum
		this.redis.opsForZSet().add(keys.scores(), cmd, 100);
		this.api.control(this.host, session, "end");
		return new Game(session, Map.of("ada", ada, "cmd", cmd));
	}

	private void answer(SessionKeys keys, int question, String player, String json) {
		this.redis.opsForHash().put(keys.answers(question), player, json);
	}

	private record Game(UUID session, Map<String, String> players) {
	}

}
