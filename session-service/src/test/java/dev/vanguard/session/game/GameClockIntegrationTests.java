package dev.vanguard.session.game;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PodiumShown;
import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.QuizStub.Question;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GameClockIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Autowired
	private GameClock clock;

	@Test
	void closesAQuestionAtItsDeadlineWithoutAnyClick() {
		UUID quiz = quiz(this.host, Question.single("Quick?", 1, List.of("Yes", "No"), 0), single("Next?"));
		JsonNode created = this.api.openSession(this.host, quiz, null);
		UUID session = UUID.fromString(created.path("id").asString());
		this.api.join(created.path("pin").asString(), "ada");
		this.api.control(this.host, session, "start");

		await().atMost(Duration.ofSeconds(20)).until(() -> status(session).equals("REVEAL"));
		List<SessionEvent> events = this.events.awaitUpTo(session, 4);
		QuestionStarted started = (QuestionStarted) events.get(2);
		assertThat(events.get(3)).isInstanceOfSatisfying(QuestionEnded.class, (ended) -> {
			assertThat(ended.index()).isZero();
			assertThat(ended.reason()).isEqualTo(QuestionEnded.Reason.DEADLINE);
			assertThat(ended.createdAt()).isAfterOrEqualTo(started.deadline());
		});
		// host-driven: it waits in the reveal
		assertThat(status(session)).isEqualTo("REVEAL");
	}

	@Test
	void closesAQuestionEarlyOnceEveryOnlinePlayerAnswered() {
		UUID quiz = quiz(this.host, single("Long?"));
		JsonNode created = this.api.openSession(this.host, quiz, null);
		UUID session = UUID.fromString(created.path("id").asString());
		String pin = created.path("pin").asString();
		String ada = this.api.join(pin, "ada").path("playerId").asString();
		String grace = this.api.join(pin, "grace").path("playerId").asString();
		String offline = this.api.join(pin, "offline").path("playerId").asString();
		this.api.control(this.host, session, "start");
		SessionKeys keys = SessionKeys.of(session);
		this.redis.opsForHash().putAll(keys.online(), Map.of(ada, "1", grace, "2", offline, "0"));

		answer(keys, ada);
		this.clock.tick();
		assertThat(status(session)).isEqualTo("QUESTION");

		answer(keys, grace);
		await().atMost(Duration.ofSeconds(20)).until(() -> status(session).equals("REVEAL"));
		assertThat(this.events.awaitUpTo(session, 6).get(5)).isInstanceOfSatisfying(QuestionEnded.class,
				(ended) -> assertThat(ended.reason()).isEqualTo(QuestionEnded.Reason.ALL_ANSWERED));
	}

	@Test
	void waitsForAPlayerWhoseSocketDroppedMidQuestion() {
		TwoOnline game = twoOnlineInTheFirstQuestion();
		UUID session = game.session();
		SessionKeys keys = game.keys();
		String ada = game.ada();
		String grace = game.grace();

		// grace's instance went away: ada is back first and answers; grace is on her way
		this.redis.opsForHash().put(keys.online(), grace, "0");
		answer(keys, ada);
		this.clock.tick();
		assertThat(status(session)).isEqualTo("QUESTION");

		this.redis.opsForHash().put(keys.online(), grace, "1");
		answer(keys, grace);
		await().atMost(Duration.ofSeconds(20)).until(() -> status(session).equals("REVEAL"));
		assertThat(this.events.awaitUpTo(session, 5).get(4)).isInstanceOfSatisfying(QuestionEnded.class,
				(ended) -> assertThat(ended.reason()).isEqualTo(QuestionEnded.Reason.ALL_ANSWERED));
	}

	@Test
	void waitsForEveryPlayerSeenOnlineBeforeRedisCameBackEmpty() {
		TwoOnline game = twoOnlineInTheFirstQuestion();
		UUID session = game.session();
		SessionKeys keys = game.keys();
		String ada = game.ada();
		String grace = game.grace();

		// Redis comes back empty: no roster, nobody online, until the rebuild
		restartRedisEmpty(keys);
		this.clock.tick();
		this.clock.rebuildLostLiveState(Instant.now());
		// ada's instance re-asserted her socket first; her answer is back (kept)
		this.redis.opsForHash().put(keys.online(), ada, "1");
		answer(keys, ada);
		this.clock.tick();
		assertThat(status(session)).isEqualTo("QUESTION");

		this.redis.opsForHash().put(keys.online(), grace, "1");
		answer(keys, grace);
		await().atMost(Duration.ofSeconds(20)).until(() -> status(session).equals("REVEAL"));
	}

	@Test
	void keepsAQuestionOpenWhileNobodyIsOnline() {
		UUID quiz = quiz(this.host, single("Long?"));
		JsonNode created = this.api.openSession(this.host, quiz, null);
		UUID session = UUID.fromString(created.path("id").asString());
		String ada = this.api.join(created.path("pin").asString(), "ada").path("playerId").asString();
		this.api.control(this.host, session, "start");
		SessionKeys keys = SessionKeys.of(session);
		answer(keys, ada);
		this.clock.tick();
		assertThat(status(session)).isEqualTo("QUESTION");
		this.redis.opsForHash().put(keys.online(), ada, "0");
		this.clock.tick();
		assertThat(status(session)).isEqualTo("QUESTION");
		// someone online who is not a player of this session does not count either
		this.redis.opsForHash().put(keys.online(), UUID.randomUUID().toString(), "1");
		this.clock.tick();
		assertThat(status(session)).isEqualTo("QUESTION");
	}

	@Test
	void runsItselfToThePodiumWithAutoAdvance() {
		Question quick = Question.single("Quick?", 1, List.of("Yes", "No"), 0);
		UUID quiz = quiz(this.host, quick, quick);
		JsonNode created = this.api.openSession(this.host, quiz, Map.of("autoAdvance", true));
		UUID session = UUID.fromString(created.path("id").asString());
		this.api.control(this.host, session, "start");

		await().atMost(Duration.ofSeconds(30)).until(() -> status(session).equals("PODIUM"));
		List<SessionEvent> events = this.events.awaitUpTo(session, 6);
		assertThat(events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("SessionOpened", "QuestionStarted", "QuestionEnded", "QuestionStarted", "QuestionEnded",
					"PodiumShown");
		assertThat(events.get(5)).isInstanceOf(PodiumShown.class);
		// the podium stays until the host ends the game
		this.clock.tick();
		assertThat(status(session)).isEqualTo("PODIUM");
	}

	@Test
	void givesAQuestionHeldUpOnTheWayToThePhonesItsFullTime() {
		UUID quiz = quiz(this.host, Question.single("Quick?", 2, List.of("Yes", "No"), 0), single("Next?"));
		JsonNode created = this.api.openSession(this.host, quiz, null);
		UUID session = UUID.fromString(created.path("id").asString());
		this.api.control(this.host, session, "start");
		QuestionStarted started = (QuestionStarted) this.events.awaitUpTo(session, 2).get(1);
		SessionKeys keys = SessionKeys.of(session);
		// realtime-service has the lobby; the question is still on its way (the broker is
		// down)
		this.redis.opsForHash().putAll(keys.state(), Map.of("status", "LOBBY", "questionIndex", "-1", "seq", "1"));

		await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(started.deadline()));
		this.clock.tick();
		assertThat(status(session)).isEqualTo("QUESTION");

		// it arrives: realtime-service moved its start and deadline by the delay
		Instant arrived = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant deadline = arrived.plusSeconds(2);
		this.redis.opsForHash()
			.putAll(keys.state(), Map.of("status", "QUESTION", "questionIndex", "0", "seq", "2", "startedAt",
					Long.toString(arrived.toEpochMilli()), "deadline", Long.toString(deadline.toEpochMilli())));
		this.clock.tick();
		JsonNode state = this.api.get("/api/sessions/" + session, HostKeys.token(this.host)).json();
		assertThat(state.path("status").asString()).isEqualTo("QUESTION");
		assertThat(Instant.parse(state.path("questionDeadline").asString())).isEqualTo(deadline);
		assertThat(Instant.parse(state.path("questionStartedAt").asString())).isEqualTo(arrived);

		await().atMost(Duration.ofSeconds(20)).until(() -> status(session).equals("REVEAL"));
		assertThat(this.events.awaitUpTo(session, 3).get(2)).isInstanceOfSatisfying(QuestionEnded.class, (ended) -> {
			assertThat(ended.reason()).isEqualTo(QuestionEnded.Reason.DEADLINE);
			assertThat(ended.createdAt()).isAfterOrEqualTo(deadline);
		});
	}

	/**
	 * ada and grace joined, both online, in the first question (the clock has seen them).
	 */
	private TwoOnline twoOnlineInTheFirstQuestion() {
		UUID quiz = quiz(this.host, single("Long?"));
		JsonNode created = this.api.openSession(this.host, quiz, null);
		UUID session = UUID.fromString(created.path("id").asString());
		String pin = created.path("pin").asString();
		String ada = this.api.join(pin, "ada").path("playerId").asString();
		String grace = this.api.join(pin, "grace").path("playerId").asString();
		this.api.control(this.host, session, "start");
		SessionKeys keys = SessionKeys.of(session);
		this.redis.opsForHash().putAll(keys.online(), Map.of(ada, "1", grace, "1"));
		this.clock.tick();
		return new TwoOnline(session, keys, ada, grace);
	}

	private record TwoOnline(UUID session, SessionKeys keys, String ada, String grace) {
	}

	private void answer(SessionKeys keys, String player) {
		this.redis.opsForHash()
			.put(keys.answers(0), player, "{\"options\":[2],\"correct\":true,\"points\":900,\"streak\":1,"
					+ "\"responseMs\":1500,\"answeredAt\":" + System.currentTimeMillis() + "}");
	}

	private String status(UUID session) {
		return this.api.get("/api/sessions/" + session, HostKeys.token(this.host)).json().path("status").asString();
	}

}
