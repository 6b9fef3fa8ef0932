package dev.vanguard.session.game;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vanguard.contracts.QuestionType;
import dev.vanguard.contracts.events.PodiumShown;
import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.session.support.Api.Response;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.QuizStub.Question;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class SessionLifecycleIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Test
	void opensSessionFromQuizAndPlaysItToTheEnd() {
		UUID quiz = quiz(this.host, single("First?"), single("Second?"));
		JsonNode created = this.api.openSession(this.host, quiz, null);
		assertThat(created.path("pin").asString()).matches("[0-9]{6}");
		assertThat(created.path("status").asString()).isEqualTo("LOBBY");
		assertThat(created.path("questionCount").asInt()).isEqualTo(2);
		assertThat(created.path("quizTitle").asString()).startsWith("Quiz ");
		assertThat(created.path("settings").path("lateJoin").asBoolean()).isTrue();
		assertThat(created.path("settings").path("randomiseOptions").asBoolean()).isFalse();
		assertThat(created.path("settings").path("autoAdvance").asBoolean()).isFalse();
		assertThat(created.path("createdAt").asString()).isNotBlank();
		UUID session = UUID.fromString(created.path("id").asString());
		String pin = created.path("pin").asString();

		this.api.join(pin, "ada");
		JsonNode started = this.api.control(this.host, session, "start");
		assertThat(started.path("status").asString()).isEqualTo("QUESTION");
		assertThat(started.path("questionIndex").asInt()).isZero();
		assertThat(this.api.control(this.host, session, "reveal").path("status").asString()).isEqualTo("REVEAL");
		JsonNode second = this.api.control(this.host, session, "next");
		assertThat(second.path("status").asString()).isEqualTo("QUESTION");
		assertThat(second.path("questionIndex").asInt()).isEqualTo(1);
		this.api.control(this.host, session, "reveal");
		assertThat(this.api.control(this.host, session, "next").path("status").asString()).isEqualTo("PODIUM");
		JsonNode ended = this.api.control(this.host, session, "end");
		assertThat(ended.path("status").asString()).isEqualTo("ENDED");
		assertThat(ended.path("lastSeq").asLong()).isEqualTo(8);

		List<SessionEvent> events = this.events.awaitUpTo(session, 8);
		assertThat(events).extracting(SessionEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
		assertThat(events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("SessionOpened", "PlayerJoined", "QuestionStarted", "QuestionEnded", "QuestionStarted",
					"QuestionEnded", "PodiumShown", "SessionEnded");
		SessionOpened opened = (SessionOpened) events.get(0);
		assertThat(opened.hostId()).isEqualTo(this.host);
		assertThat(opened.pin()).isEqualTo(pin);
		assertThat(opened.questionCount()).isEqualTo(2);
		QuestionStarted first = (QuestionStarted) events.get(2);
		assertThat(first.index()).isZero();
		assertThat(first.questionCount()).isEqualTo(2);
		assertThat(first.question().text()).isEqualTo("First?");
		assertThat(first.question().type()).isEqualTo(QuestionType.SINGLE_CHOICE);
		assertThat(first.question().options()).containsExactly("Red", "Green", "Blue", "Yellow");
		assertThat(first.question().correctOptions()).containsExactly(2);
		assertThat(first.question().points()).isEqualTo(1000);
		assertThat(Duration.between(first.startedAt(), first.deadline())).isEqualTo(Duration.ofSeconds(60));
		assertThat(((QuestionEnded) events.get(3)).reason()).isEqualTo(QuestionEnded.Reason.HOST);
	}

	@Test
	void refusesQuizTheHostMayNotSee() {
		UUID othersQuiz = quiz(UUID.randomUUID(), single("Mine?"));
		this.api.post("/api/sessions", HostKeys.token(this.host), Map.of("quizId", othersQuiz)).problem(404);
		this.api.post("/api/sessions", HostKeys.token(this.host), Map.of("quizId", UUID.randomUUID())).problem(404);
	}

	@Test
	void fetchesTheAnswerKeyWithAGrantForThisHostAndQuizOnly() throws Exception {
		UUID quiz = quiz(this.host, single("Key?"));
		this.api.openSession(this.host, quiz, null);

		SignedJWT grant = SignedJWT.parse(QUIZZES.grant(quiz));
		JWKSet keys = JWKSet.parse(this.api.get("/api/sessions/.well-known/jwks.json", null).body());
		ECKey key = (ECKey) keys.getKeyByKeyId(grant.getHeader().getKeyID());
		assertThat(grant.verify(new ECDSAVerifier(key))).isTrue();
		JWTClaimsSet claims = grant.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("vanguard-session");
		assertThat(claims.getAudience()).containsExactly("quiz-service");
		assertThat(claims.getStringClaim("scope")).isEqualTo("quiz-key");
		assertThat(claims.getSubject()).isEqualTo(this.host.toString());
		assertThat(claims.getStringClaim("quiz")).isEqualTo(quiz.toString());
		assertThat(Duration.between(Instant.now(), claims.getExpirationTime().toInstant()))
			.isLessThanOrEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void refusesQuizWithoutQuestions() {
		UUID empty = QUIZZES.add(this.host, "Empty", List.of());
		JsonNode problem = this.api.post("/api/sessions", HostKeys.token(this.host), Map.of("quizId", empty))
			.problem(422);
		assertThat(problem.path("type").asString()).endsWith("/quiz-not-playable");
	}

	@Test
	void refusesCreateWithoutQuizOrWithMalformedJson() {
		JsonNode problem = this.api.post("/api/sessions", HostKeys.token(this.host), Map.of()).problem(400);
		assertThat(problem.path("type").asString()).endsWith("/validation");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("quizId");
		this.api.post("/api/sessions", HostKeys.token(this.host), "{\"quizId\": ").problem(400);
		this.api.post("/api/sessions", HostKeys.token(this.host), "{\"quizId\": \"not-a-uuid\"}").problem(400);
	}

	@Test
	void shufflesOptionsOnceAndPointsCorrectIndexesAtThePlayedOrder() {
		List<String> options = List.of("A", "B", "C", "D", "E", "F");
		Question question = Question.single("Which is C?", 60, options, 2);
		UUID quiz = quiz(this.host, question, question, question, question);
		UUID session = UUID
			.fromString(this.api.openSession(this.host, quiz, Map.of("randomiseOptions", true)).path("id").asString());
		this.api.control(this.host, session, "start");
		for (int i = 0; i < 4; i++) {
			this.api.control(this.host, session, "skip");
		}
		List<QuestionStarted> played = this.events.awaitUpTo(session, 10)
			.stream()
			.filter(QuestionStarted.class::isInstance)
			.map(QuestionStarted.class::cast)
			.toList();
		assertThat(played).hasSize(4);
		for (QuestionStarted started : played) {
			assertThat(started.question().options()).containsExactlyInAnyOrderElementsOf(options);
			assertThat(started.question().correctOptions()).hasSize(1);
			assertThat(started.question().options().get(started.question().correctOptions().get(0))).isEqualTo("C");
		}
		assertThat(played).anySatisfy((started) -> assertThat(started.question().options()).isNotEqualTo(options));
	}

	@Test
	void normalisesAcceptedAnswersIntoTheQuestionEvent() {
		UUID quiz = quiz(this.host, Question.typed("Capital of France?", 30, List.of("  Paris ", "PÂRIS", "Lutèce")));
		UUID session = UUID.fromString(this.api.openSession(this.host, quiz, null).path("id").asString());
		this.api.control(this.host, session, "start");
		QuestionStarted started = (QuestionStarted) this.events.awaitUpTo(session, 2).get(1);
		assertThat(started.question().type()).isEqualTo(QuestionType.TYPE_ANSWER);
		assertThat(started.question().acceptedAnswers()).containsExactly("paris", "lutece");
		assertThat(started.question().options()).isEmpty();
		assertThat(started.question().points()).isEqualTo(2000);
	}

	@Test
	void refusesControlsThatDoNotFitTheStateSayingWhichStateItIs() {
		UUID quiz = quiz(this.host, single("Only?"));
		UUID session = UUID.fromString(this.api.openSession(this.host, quiz, null).path("id").asString());
		String token = HostKeys.token(this.host);
		assertThat(conflict(session, "reveal", token)).contains("LOBBY");
		assertThat(conflict(session, "next", token)).contains("LOBBY");
		assertThat(conflict(session, "skip", token)).contains("LOBBY");
		this.api.control(this.host, session, "start");
		assertThat(conflict(session, "start", token)).contains("QUESTION");
		assertThat(conflict(session, "next", token)).contains("QUESTION");
		this.api.control(this.host, session, "reveal");
		assertThat(conflict(session, "reveal", token)).contains("REVEAL");
		assertThat(conflict(session, "skip", token)).contains("REVEAL");
		this.api.control(this.host, session, "next");
		assertThat(conflict(session, "next", token)).contains("PODIUM");
		this.api.control(this.host, session, "end");
		assertThat(conflict(session, "end", token)).contains("ended");
		assertThat(conflict(session, "start", token)).contains("ENDED");
	}

	@Test
	void skipClosesTheQuestionAndOpensTheNextInOneStep() {
		UUID quiz = quiz(this.host, single("One?"), single("Two?"));
		UUID session = UUID.fromString(this.api.openSession(this.host, quiz, null).path("id").asString());
		this.api.control(this.host, session, "start");
		JsonNode skipped = this.api.control(this.host, session, "skip");
		assertThat(skipped.path("status").asString()).isEqualTo("QUESTION");
		assertThat(skipped.path("questionIndex").asInt()).isEqualTo(1);
		assertThat(this.api.control(this.host, session, "skip").path("status").asString()).isEqualTo("PODIUM");
		List<SessionEvent> events = this.events.awaitUpTo(session, 6);
		assertThat(events.get(2)).isInstanceOfSatisfying(QuestionEnded.class, (ended) -> {
			assertThat(ended.index()).isZero();
			assertThat(ended.reason()).isEqualTo(QuestionEnded.Reason.SKIPPED);
		});
		assertThat(events.get(3)).isInstanceOfSatisfying(QuestionStarted.class,
				(started) -> assertThat(started.index()).isEqualTo(1));
		assertThat(events.get(4)).isInstanceOf(QuestionEnded.class);
		assertThat(events.get(5)).isInstanceOf(PodiumShown.class);
	}

	@Test
	void refusesEveryoneButTheHostAtHostEndpoints() {
		UUID quiz = quiz(this.host, single("Only?"));
		JsonNode created = this.api.openSession(this.host, quiz, null);
		UUID session = UUID.fromString(created.path("id").asString());
		String playerToken = this.api.join(created.path("pin").asString(), "ada").path("token").asString();
		String path = "/api/sessions/" + session + "/start";

		Response anonymous = this.api.post(path, null, null);
		anonymous.problem(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
		this.api.post(path, playerToken, null).problem(401);
		this.api.get("/api/sessions", playerToken).problem(401);
		this.api.post(path, HostKeys.tokenWithIssuer(this.host, "vanguard-session"), null).problem(401);
		this.api.post(path, HostKeys.tokenFromStrangeKey(this.host), null).problem(401);
		this.api.post(path, HostKeys.tokenWithScope(this.host, "player"), null).problem(403);
		this.api.post(path, HostKeys.token(UUID.randomUUID()), null).problem(403);
		this.api.get("/api/sessions/" + session, HostKeys.token(UUID.randomUUID())).problem(403);
		this.api.delete("/api/sessions/" + session + "/players/" + UUID.randomUUID(), HostKeys.token(UUID.randomUUID()))
			.problem(403);
		this.api.post("/api/sessions/" + UUID.randomUUID() + "/start", HostKeys.token(this.host), null).problem(404);
		this.api.post("/api/sessions/not-a-session/start", HostKeys.token(this.host), null).problem(400);
		this.api.post("/api/sessions", HostKeys.token(UUID.randomUUID()), Map.of("quizId", quiz)).problem(404);
		assertThat(this.api.get("/api/sessions/" + session, HostKeys.token(this.host)).json().path("status").asString())
			.isEqualTo("LOBBY");
	}

	@Test
	void listsTheHostsSessionsNewestFirstInPages() {
		UUID quiz = quiz(this.host, single("Only?"));
		String first = this.api.openSession(this.host, quiz, null).path("id").asString();
		String second = this.api.openSession(this.host, quiz, null).path("id").asString();
		String third = this.api.openSession(this.host, quiz, null).path("id").asString();
		String token = HostKeys.token(this.host);

		JsonNode page = this.api.get("/api/sessions?page=0&size=2", token).json();
		assertThat(page.path("items").values()).extracting((item) -> item.path("id").asString())
			.containsExactly(third, second);
		assertThat(page.path("page").asInt()).isZero();
		assertThat(page.path("size").asInt()).isEqualTo(2);
		assertThat(page.path("totalItems").asLong()).isEqualTo(3);
		assertThat(page.path("totalPages").asInt()).isEqualTo(2);
		assertThat(page.path("items").get(0).path("playerCount").asLong()).isZero();
		assertThat(this.api.get("/api/sessions?page=1&size=2", token).json().path("items").values())
			.extracting((item) -> item.path("id").asString())
			.containsExactly(first);
		assertThat(this.api.get("/api/sessions", HostKeys.token(UUID.randomUUID())).json().path("totalItems").asLong())
			.isZero();
		this.api.get("/api/sessions?size=0", token).problem(400);
		this.api.get("/api/sessions?size=101", token).problem(400);
		this.api.get("/api/sessions?page=-1", token).problem(400);
	}

	@Test
	void showsDetailsWithThePlayersStillIn() {
		UUID quiz = quiz(this.host, single("Only?"));
		JsonNode created = this.api.openSession(this.host, quiz, Map.of("lateJoin", false, "autoAdvance", true));
		UUID session = UUID.fromString(created.path("id").asString());
		String pin = created.path("pin").asString();
		this.api.join(pin, "ada");
		String grace = this.api.join(pin, "grace").path("playerId").asString();
		this.api.delete("/api/sessions/" + session + "/players/" + grace, HostKeys.token(this.host));

		JsonNode details = this.api.get("/api/sessions/" + session, HostKeys.token(this.host)).json();
		assertThat(details.path("pin").asString()).isEqualTo(pin);
		assertThat(details.path("status").asString()).isEqualTo("LOBBY");
		assertThat(details.path("questionIndex").asInt()).isEqualTo(-1);
		assertThat(details.path("settings").path("lateJoin").asBoolean()).isFalse();
		assertThat(details.path("settings").path("autoAdvance").asBoolean()).isTrue();
		assertThat(details.path("lastSeq").asLong()).isEqualTo(4);
		assertThat(details.path("players").values()).extracting((player) -> player.path("nickname").asString())
			.containsExactly("ada");
	}

	@Test
	void countsWhatHappensInMetrics() {
		UUID quiz = quiz(this.host, single("Only?"));
		JsonNode created = this.api.openSession(this.host, quiz, null);
		this.api.join(created.path("pin").asString(), "ada");
		this.api.control(this.host, UUID.fromString(created.path("id").asString()), "start");
		String metrics = this.api.get("/actuator/prometheus", null).body();
		assertThat(metrics).contains("sessions_opened_total", "sessions_started_total", "session_joins_total",
				"questions_advanced_total", "sessions_ended_total", "sessions_active", "user_removals_total");
	}

	@Test
	void registersEveryMeterOfTheDashboardsAtStartUpWithADescription() {
		String metrics = this.api.get("/actuator/prometheus", null).body();

		for (String reason : SessionMetrics.JOIN_REFUSAL_REASONS) {
			assertThat(metrics)
				.contains("session_join_refusals_total{application=\"session-service\",reason=\"" + reason + "\"}");
		}
		assertThat(metrics).contains("# HELP session_join_refusals_total Joins refused",
				"# HELP outbox_backlog Game events written to the outbox",
				"# HELP outbox_oldest_age_seconds Age of the oldest event in the outbox",
				"# HELP sessions_opened_total Sessions opened", "# HELP session_joins_total Players who joined",
				"# HELP questions_advanced_total Questions opened", "http_server_requests_seconds_bucket{");
	}

	@Test
	void countsRefusedJoinsByReason() {
		UUID quiz = quiz(this.host, single("Only?"));
		String pin = this.api.openSession(this.host, quiz, null).path("pin").asString();
		this.api.join(pin, "ada");
		double before = refusals("nickname-taken");

		this.api
			.post("/api/sessions/pin/" + pin + "/players", null,
					Map.of("nickname", "ADA", "deviceSecret", "another-phone-of-the-same-class"))
			.problem(409);

		assertThat(refusals("nickname-taken")).isEqualTo(before + 1);
	}

	private double refusals(String reason) {
		String series = "session_join_refusals_total{application=\"session-service\",reason=\"" + reason + "\"} ";
		return this.api.get("/actuator/prometheus", null)
			.body()
			.lines()
			.filter((line) -> line.startsWith(series))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length())))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void servesHealthAndApiDocsWithoutAToken() {
		assertThat(this.api.get("/actuator/health", null).body()).contains("UP");
		JsonNode docs = this.api.get("/api/sessions/v3/api-docs", null).json();
		assertThat(docs.path("paths").propertyNames()).contains("/api/sessions", "/api/sessions/{id}/start",
				"/api/sessions/pin/{pin}/players", "/api/sessions/{id}/results.csv");
	}

	private String conflict(UUID session, String action, String token) {
		JsonNode problem = this.api.post("/api/sessions/" + session + "/" + action, token, null).problem(409);
		assertThat(problem.path("type").asString()).endsWith("/invalid-session-state");
		return problem.path("detail").asString();
	}

}
