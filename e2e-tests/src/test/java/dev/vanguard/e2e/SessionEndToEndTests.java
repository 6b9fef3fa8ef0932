package dev.vanguard.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vanguard.e2e.EventTap.Event;
import dev.vanguard.e2e.Sessions.Player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 4 through the gateway: a session of the sample quiz with three players, a first
 * question that closes by its deadline without anyone clicking, the end, the CSV, and the
 * events on the exchange numbered without gaps.
 */
class SessionEndToEndTests {

	/** The shortest time limit a question may have. */
	private static final int FIRST_QUESTION_SECONDS = 5;

	private static Host host;

	@BeforeAll
	static void registerHost() {
		host = Host.register("session-host");
	}

	@Test
	void firstQuestionClosesByItsDeadlineAndResultsAndEventsAreComplete() throws Exception {
		JsonNode sample = Gateway.get("/api/quizzes/" + Quizzes.SAMPLE_QUIZ_ID, host.accessToken()).expect(200).json();
		assertThat(sample.path("visibility").asString()).isEqualTo("PUBLIC");
		// The sample's first question runs 20 s; a copy whose first question runs 5 s
		// keeps the test short and plays the same questions.
		UUID quizId = shortenedCopy(sample);
		String firstQuestion = sample.path("questions").path(0).path("text").asString();

		try (EventTap tap = EventTap.open()) {
			JsonNode created = Sessions.open(host, quizId);
			UUID sessionId = Sessions.id(created);
			try {
				String pin = created.path("pin").asString();
				assertThat(created.path("status").asString()).isEqualTo("LOBBY");
				assertThat(pin).matches("\\d{6}");
				assertThat(created.path("quizTitle").asString()).isEqualTo(sample.path("title").asString());
				assertThat(created.path("questionCount").asInt()).isEqualTo(sample.path("questions").size());

				List<Player> players = List.of(Sessions.join(pin, Names.nickname("Ann")),
						Sessions.join(pin, Names.nickname("Ben")), Sessions.join(pin, Names.nickname("Cat")));
				assertThat(Sessions.details(host, sessionId)
					.path("players")
					.valueStream()
					.map((p) -> p.path("nickname").asString()))
					.containsExactly(players.stream().map(Player::nickname).toArray(String[]::new));

				JsonNode started = Sessions.control(host, sessionId, "start");
				assertThat(started.path("status").asString()).isEqualTo("QUESTION");
				assertThat(started.path("questionIndex").asInt()).isZero();
				assertThat(Duration.between(Instant.parse(started.path("questionStartedAt").asString()),
						Instant.parse(started.path("questionDeadline").asString())))
					.isEqualTo(Duration.ofSeconds(FIRST_QUESTION_SECONDS));

				await("question 0 closed by the server's clock").atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(250))
					.until(() -> Sessions.details(host, sessionId).path("status").asString(), "REVEAL"::equals);
				assertThat(Sessions.details(host, sessionId).path("questionIndex").asInt()).isZero();

				assertThat(Sessions.control(host, sessionId, "end").path("status").asString()).isEqualTo("ENDED");

				assertResults(sessionId, players, firstQuestion);
				assertEvents(tap, sessionId, players);
			}
			finally {
				Sessions.endQuietly(host, sessionId);
			}
		}
	}

	@Test
	void refusesHostControlsToOtherHostsAndPlayers() {
		Host stranger = Host.register("session-stranger");
		UUID sessionId = Sessions.id(Sessions.open(host, Quizzes.SAMPLE_QUIZ_ID));
		try {
			Player player = Sessions.join(Sessions.details(host, sessionId).path("pin").asString(),
					Names.nickname("Pat"));
			Gateway.post("/api/sessions/" + sessionId + "/start", stranger.accessToken())
				.expectProblem(403, "forbidden");
			Gateway.get("/api/sessions/" + sessionId, stranger.accessToken()).expectProblem(403, "forbidden");
			Gateway.post("/api/sessions/" + sessionId + "/start", player.token()).expectProblem(401, "unauthorized");
			Gateway.post("/api/sessions/" + sessionId + "/start", null).expectProblem(401, "unauthorized");
			Gateway.get("/api/sessions/" + UUID.randomUUID(), host.accessToken()).expectProblem(404, "not-found");
			JsonNode problem = Gateway.post("/api/sessions/" + sessionId + "/reveal", host.accessToken())
				.expectProblem(409, "invalid-session-state");
			assertThat(problem.path("detail").asString()).contains("LOBBY");
			Gateway.get("/api/sessions/" + sessionId + "/results.csv", host.accessToken())
				.expectProblem(409, "invalid-session-state");
		}
		finally {
			Sessions.endQuietly(host, sessionId);
		}
	}

	private static UUID shortenedCopy(JsonNode sample) {
		JsonNode copy = Gateway.post("/api/quizzes/" + Quizzes.SAMPLE_QUIZ_ID + "/copy", host.accessToken())
			.expect(201)
			.json();
		// another host reads the public sample without its key; the copy carries it
		assertThat(Quizzes.contentWithoutKey(copy).path("questions"))
			.isEqualTo(Quizzes.contentWithoutKey(sample).path("questions"));
		assertThat(Quizzes.content(copy).path("questions").findValues("correct")).isNotEmpty();
		ObjectNode edited = (ObjectNode) copy.deepCopy();
		((ObjectNode) edited.path("questions").path(0)).put("timeLimitSeconds", FIRST_QUESTION_SECONDS);
		String id = copy.path("id").asString();
		Gateway.put("/api/quizzes/" + id, host.accessToken(), edited).expect(200);
		return UUID.fromString(id);
	}

	/**
	 * Nobody answered: one row per player for the one played question, empty answer, no
	 * points, then everyone shares first place with 0.
	 */
	private static void assertResults(UUID sessionId, List<Player> players, String firstQuestion) {
		Reply csv = Gateway.get("/api/sessions/" + sessionId + "/results.csv", host.accessToken()).expect(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.header("Content-Disposition")).startsWith("attachment");
		List<List<String>> rows = CsvReader.read(csv.body());
		assertThat(rows).as(csv.body()).hasSize(1 + players.size() + 1 + 1 + players.size() + 1 + 2);
		assertThat(rows.get(0)).containsExactly("nickname", "question", "question_text", "answer", "correct", "points",
				"response_time_ms");
		assertThat(rows.subList(1, 1 + players.size())).as(csv.body())
			.containsExactlyInAnyOrderElementsOf(players.stream()
				.map((player) -> List.of(player.nickname(), "1", firstQuestion, "", "false", "0", ""))
				.toList());
		assertThat(rows.get(1 + players.size())).as("blank line between the parts").isEmpty();
		assertThat(rows.get(2 + players.size())).containsExactly("nickname", "rank", "total_score", "correct_count");
		assertThat(rows.subList(3 + players.size(), 3 + 2 * players.size())).as(csv.body())
			.containsExactlyInAnyOrderElementsOf(
					players.stream().map((player) -> List.of(player.nickname(), "1", "0", "0")).toList());
		assertThat(rows.subList(3 + 2 * players.size(), rows.size())).as(csv.body())
			.containsExactly(List.of(), List.of("live_state_lost"), List.of("false"));

		JsonNode results = Gateway.get("/api/sessions/" + sessionId + "/results", host.accessToken())
			.expect(200)
			.json();
		assertThat(results.path("standings").size()).isEqualTo(players.size());
		assertThat(results.path("questions").size()).as("only the played question").isEqualTo(1);
		assertThat(results.path("questions").path(0).path("answered").asInt()).isZero();

		JsonNode mine = Gateway.get("/api/sessions?size=100", host.accessToken()).expect(200).json();
		assertThat(mine.path("items").valueStream().filter((s) -> s.path("id").asString().equals(sessionId.toString())))
			.singleElement()
			.satisfies((summary) -> {
				assertThat(summary.path("status").asString()).isEqualTo("ENDED");
				assertThat(summary.path("playerCount").asInt()).isEqualTo(players.size());
			});
	}

	private static void assertEvents(EventTap tap, UUID sessionId, List<Player> players) {
		List<String> expected = List.of("session.lobby", "player.joined", "player.joined", "player.joined",
				"question.start", "question.end", "session.ended");
		await("the session's events on " + EventTap.EXCHANGE).atMost(Duration.ofSeconds(30))
			.until(() -> tap.ordered(sessionId).size() >= expected.size());
		List<Event> events = tap.ordered(sessionId);
		assertThat(events).extracting(Event::seq)
			.as("consecutive sequence numbers from 1")
			.containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
		assertThat(events).extracting(Event::kind).containsExactlyElementsOf(expected);
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.properties().getMessageId()).isEqualTo(sessionId + ":" + event.seq());
			assertThat(event.properties().getDeliveryMode()).as("persistent").isEqualTo(2);
			assertThat(String.valueOf(event.headers().get("vanguard-event-version"))).isEqualTo("1");
			assertThat(event.body().path("sessionId").asString()).isEqualTo(sessionId.toString());
		});
		assertThat(events.subList(1, 4)).extracting((event) -> event.body().path("nickname").asString())
			.containsExactly(players.stream().map(Player::nickname).toArray(String[]::new));
		JsonNode ended = events.get(5).body();
		assertThat(ended.path("index").asInt()).isZero();
		assertThat(ended.path("reason").asString()).isEqualTo("DEADLINE");
	}

}
