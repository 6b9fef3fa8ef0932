package dev.vanguard.quiz.library;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.vanguard.quiz.Api;
import dev.vanguard.quiz.QuizIntegrationTest;
import dev.vanguard.quiz.Quizzes;
import dev.vanguard.testsupport.TestTokens;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.vanguard.quiz.Quizzes.option;
import static dev.vanguard.quiz.Quizzes.options;
import static dev.vanguard.quiz.Quizzes.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@QuizIntegrationTest
class QuizLibraryIntegrationTests {

	@Autowired
	RestTestClient client;

	@Autowired
	EntityManagerFactory entityManagers;

	Api api;

	final UUID host = UUID.randomUUID();

	final UUID otherHost = UUID.randomUUID();

	@BeforeEach
	void api() {
		this.api = new Api(this.client);
	}

	@Test
	void createsQuizWithEveryQuestionTypeInTheSharedShape() {
		JsonNode created = this.api.create(this.host, Quizzes.everyType("Every type"));
		JsonNode read = this.api.read(this.host, created.get("id").stringValue());
		assertThat(read).isEqualTo(created);
		assertThat(propertyNames(read)).containsExactlyInAnyOrder("id", "ownerId", "title", "description", "visibility",
				"tags", "version", "createdAt", "updatedAt", "withAnswers", "questions");
		assertThat(read.get("ownerId").stringValue()).isEqualTo(this.host.toString());
		assertThat(read.get("visibility").stringValue()).isEqualTo("PRIVATE");
		assertThat(read.get("version").longValue()).isZero();
		assertThat(read.get("createdAt")).isEqualTo(read.get("updatedAt"));
		JsonNode questions = read.get("questions");
		assertThat(questions).hasSize(5);
		for (JsonNode question : questions) {
			assertThat(propertyNames(question)).containsExactlyInAnyOrder("id", "type", "text", "imageUrl",
					"timeLimitSeconds", "points", "options", "acceptedAnswers");
			assertThat(question.get("id").stringValue()).isNotBlank();
			assertThat(question.get("imageUrl").isNull()).isTrue();
		}
		assertThat(questions.get(0).get("type").stringValue()).isEqualTo("SINGLE_CHOICE");
		assertThat(questions.get(0).get("options").get(1).get("text").stringValue()).isEqualTo("Mars");
		assertThat(questions.get(0).get("options").get(1).get("correct").booleanValue()).isTrue();
		assertThat(questions.get(0).get("acceptedAnswers")).isEmpty();
		assertThat(questions.get(2).get("options").get(0).get("text").stringValue()).isEqualTo("True");
		JsonNode typeAnswer = questions.get(3);
		assertThat(typeAnswer.get("options")).isEmpty();
		assertThat(typeAnswer.get("acceptedAnswers").get(0).stringValue()).isEqualTo("Reykjavík");
		JsonNode poll = questions.get(4);
		assertThat(poll.get("points").stringValue()).isEqualTo("NONE");
		assertThat(poll.get("options").valueStream().map((o) -> o.get("correct").booleanValue())).containsOnly(false);
	}

	@Test
	void answersCreatedWithLocation() {
		this.api.post(this.host, "/api/quizzes", Quizzes.everyType("Located"))
			.expectStatus()
			.isCreated()
			.expectHeader()
			.value(HttpHeaders.LOCATION, (location) -> assertThat(location).matches("/api/quizzes/[0-9a-f-]{36}"));
	}

	@Test
	void trimsTextsLowercasesTagsAndFillsDefaults() {
		Map<String, Object> quiz = Quizzes.quiz("  Spaced title  ", Quizzes.singleChoice("  Why?  "),
				Quizzes.poll("Colour?"));
		quiz.put("tags", List.of(" Geography ", "EUROPE"));
		quiz.remove("description");
		quiz.remove("visibility");
		questions(quiz).get(0).remove("timeLimitSeconds");
		questions(quiz).get(0).remove("points");
		questions(quiz).get(1).remove("points");
		JsonNode created = this.api.create(this.host, quiz);
		assertThat(created.get("title").stringValue()).isEqualTo("Spaced title");
		assertThat(created.get("description").stringValue()).isEmpty();
		assertThat(created.get("visibility").stringValue()).isEqualTo("PRIVATE");
		assertThat(created.get("tags").valueStream().map(JsonNode::stringValue)).containsExactly("geography", "europe");
		JsonNode first = created.get("questions").get(0);
		assertThat(first.get("text").stringValue()).isEqualTo("Why?");
		assertThat(first.get("timeLimitSeconds").intValue()).isEqualTo(20);
		assertThat(first.get("points").stringValue()).isEqualTo("STANDARD");
		assertThat(created.get("questions").get(1).get("points").stringValue()).isEqualTo("NONE");
	}

	@Test
	void updatesQuizKeepingIdsOfQuestionsItNamesAndMovesTheVersion() {
		JsonNode created = this.api.create(this.host, Quizzes.everyType("Before"));
		String id = created.get("id").stringValue();
		String keptId = created.get("questions").get(1).get("id").stringValue();
		Map<String, Object> kept = Quizzes.multipleSelect("Which are prime, really?");
		kept.put("id", keptId);
		Map<String, Object> revision = Quizzes.quiz("After", Quizzes.trueFalse("New first", false), kept);
		revision.put("version", 0);
		revision.put("visibility", "PUBLIC");
		JsonNode updated = Api.json(this.api.put(this.host, "/api/quizzes/" + id, revision).expectStatus().isOk());
		assertThat(updated.get("version").longValue()).isEqualTo(1);
		assertThat(updated.get("title").stringValue()).isEqualTo("After");
		assertThat(updated.get("visibility").stringValue()).isEqualTo("PUBLIC");
		assertThat(updated.get("questions")).hasSize(2);
		assertThat(updated.get("questions").get(1).get("id").stringValue()).isEqualTo(keptId);
		assertThat(updated.get("questions").get(1).get("text").stringValue()).isEqualTo("Which are prime, really?");
		assertThat(updated.get("questions").get(0).get("id").stringValue())
			.isNotIn(created.get("questions").valueStream().map((q) -> q.get("id").stringValue()).toList());
		assertThat(Instant.parse(updated.get("updatedAt").stringValue()))
			.isAfter(Instant.parse(created.get("updatedAt").stringValue()));
		assertThat(this.api.read(this.host, id)).isEqualTo(updated);
	}

	@Test
	void refusesUpdateBasedOnAnOldVersionAndSavesNothing() {
		String id = this.api.create(this.host, Quizzes.everyType("Contested")).get("id").stringValue();
		Map<String, Object> first = Quizzes.everyType("First writer");
		first.put("version", 0);
		this.api.put(this.host, "/api/quizzes/" + id, first).expectStatus().isOk();
		Map<String, Object> second = Quizzes.everyType("Second writer");
		second.put("version", 0);
		JsonNode problem = Api.problem(this.api.put(this.host, "/api/quizzes/" + id, second), 409, "version-conflict");
		assertThat(problem.get("detail").stringValue()).contains("version 0").contains("version 1");
		assertThat(problem.get("currentVersion").longValue()).isEqualTo(1);
		assertThat(this.api.read(this.host, id).get("title").stringValue()).isEqualTo("First writer");
	}

	@Test
	void concurrentRevisionThatLosesTheRaceFailsOnTheVersionColumn() {
		String id = this.api.create(this.host, Quizzes.everyType("Raced")).get("id").stringValue();
		EntityManager loser = this.entityManagers.createEntityManager();
		try {
			loser.getTransaction().begin();
			Quiz stale = loser.find(Quiz.class, UUID.fromString(id));
			assertThat(stale.version()).isZero();
			Map<String, Object> winner = Quizzes.everyType("Winner");
			winner.put("version", 0);
			this.api.put(this.host, "/api/quizzes/" + id, winner).expectStatus().isOk();
			stale.revise(stale.content(), Instant.now());
			assertThatExceptionOfType(OptimisticLockException.class).isThrownBy(loser::flush);
		}
		finally {
			loser.getTransaction().rollback();
			loser.close();
		}
		assertThat(this.api.read(this.host, id).get("title").stringValue()).isEqualTo("Winner");
	}

	@Test
	void refusesUpdateWithoutVersion() {
		String id = this.api.create(this.host, Quizzes.everyType("Versionless")).get("id").stringValue();
		JsonNode problem = Api.problem(this.api.put(this.host, "/api/quizzes/" + id, Quizzes.everyType("No version")),
				400, "validation");
		assertThat(fields(problem)).containsExactly("version");
	}

	@Test
	void deletesQuiz() {
		String id = this.api.create(this.host, Quizzes.everyType("Doomed")).get("id").stringValue();
		this.api.delete(this.host, "/api/quizzes/" + id).expectStatus().isNoContent();
		Api.problem(this.api.get(this.host, "/api/quizzes/" + id), 404, "not-found");
		Api.problem(this.api.delete(this.host, "/api/quizzes/" + id), 404, "not-found");
	}

	@Test
	void privateQuizOfAnotherHostDoesNotExistForThem() {
		String path = "/api/quizzes/"
				+ this.api.create(this.host, Quizzes.everyType("Mine only")).get("id").stringValue();
		Map<String, Object> revision = Quizzes.everyType("Hijacked");
		revision.put("version", 0);
		Api.problem(this.api.get(this.otherHost, path), 404, "not-found");
		Api.problem(this.api.put(this.otherHost, path, revision), 404, "not-found");
		Api.problem(this.api.delete(this.otherHost, path), 404, "not-found");
		Api.problem(this.api.get(this.otherHost, path + "/export"), 404, "not-found");
		Api.problem(this.api.post(this.otherHost, path + "/copy", Map.of()), 404, "not-found");
		assertThat(this.api.read(this.host, path.substring(path.lastIndexOf('/') + 1)).get("title").stringValue())
			.isEqualTo("Mine only");
	}

	@Test
	void publicQuizOfAnotherHostCanBeReadWithoutItsAnswersAndNotChanged() {
		Map<String, Object> quiz = Quizzes.everyType("Shared");
		quiz.put("visibility", "PUBLIC");
		String id = this.api.create(this.host, quiz).get("id").stringValue();
		JsonNode owners = this.api.read(this.host, id);
		assertThat(owners.get("withAnswers").booleanValue()).isTrue();
		assertThat(owners.get("questions").get(0).get("options").get(1).get("correct").booleanValue()).isTrue();
		assertThat(owners.get("questions").get(3).get("acceptedAnswers")).isNotEmpty();
		JsonNode read = this.api.read(this.otherHost, id);
		assertThat(read.get("withAnswers").booleanValue()).isFalse();
		assertThat(read.get("questions").values()).allSatisfy((question) -> {
			assertThat(question.get("acceptedAnswers")).isEmpty();
			assertThat(question.get("options").values()).allSatisfy((option) -> {
				assertThat(option.has("correct")).isFalse();
				assertThat(option.get("text").stringValue()).isNotBlank();
			});
		});
		assertThat(read.get("questions").get(0).get("text")).isEqualTo(owners.get("questions").get(0).get("text"));
		Api.problem(this.api.get(this.otherHost, "/api/quizzes/" + id + "/export"), 403, "forbidden");
		Map<String, Object> revision = Quizzes.everyType("Defaced");
		revision.put("version", 0);
		Api.problem(this.api.put(this.otherHost, "/api/quizzes/" + id, revision), 403, "forbidden");
		Api.problem(this.api.delete(this.otherHost, "/api/quizzes/" + id), 403, "forbidden");
		assertThat(this.api.read(this.host, id).get("title").stringValue()).isEqualTo("Shared");
	}

	@Test
	void givesTheAnswerKeyOfAPublicQuizToSessionServicesGrantForThatHostAndQuizOnly() {
		Map<String, Object> quiz = Quizzes.everyType("Hosted by others");
		quiz.put("visibility", "PUBLIC");
		UUID id = UUID.fromString(this.api.create(this.host, quiz).get("id").stringValue());
		String other = this.api.create(this.host, quiz).get("id").stringValue();

		assertThat(withAnswers(id, TestTokens.answerKeyGrant(this.otherHost, id, (claims) -> claims))).isTrue();
		assertThat(withAnswers(id, TestTokens.answerKeyGrant(this.host, id, (claims) -> claims)))
			.as("a grant for another host")
			.isFalse();
		assertThat(withAnswers(id, TestTokens.answerKeyGrant(this.otherHost, UUID.fromString(other), (c) -> c)))
			.as("a grant for another quiz")
			.isFalse();
		assertThat(withAnswers(id, TestTokens.answerKeyGrant(this.otherHost, id, (c) -> c.claim("scope", "player"))))
			.as("a player token's scope")
			.isFalse();
		assertThat(withAnswers(id, TestTokens.answerKeyGrant(this.otherHost, id, (c) -> c.audience("realtime"))))
			.as("another audience")
			.isFalse();
		assertThat(
				withAnswers(id,
						TestTokens.answerKeyGrant(this.otherHost, id,
								(c) -> c.expirationTime(Date.from(Instant.now().minusSeconds(120))))))
			.as("expired")
			.isFalse();
		assertThat(withAnswers(id, TestTokens.forgedAnswerKeyGrant(this.otherHost, id))).as("forged").isFalse();
		assertThat(withAnswers(id, TestTokens.playerSignedByAuth(this.otherHost))).as("a player token").isFalse();
		assertThat(withAnswers(id, "not-a-jwt")).isFalse();
	}

	private boolean withAnswers(UUID quiz, String grant) {
		JsonNode read = Api.json(this.api.client()
			.get()
			.uri("/api/quizzes/" + quiz)
			.header("Authorization", Api.bearer(this.otherHost))
			.header("Vanguard-Answer-Key-Grant", grant)
			.exchange()
			.expectStatus()
			.isOk());
		boolean keyed = read.get("withAnswers").booleanValue();
		assertThat(read.get("questions").get(0).get("options").get(1).has("correct")).isEqualTo(keyed);
		return keyed;
	}

	@Test
	void copiesPublicQuizIntoMyLibraryAsPrivate() {
		Map<String, Object> quiz = Quizzes.everyType("Original");
		quiz.put("visibility", "PUBLIC");
		JsonNode original = this.api.create(this.host, quiz);
		JsonNode copy = Api
			.json(this.api.post(this.otherHost, "/api/quizzes/" + original.get("id").stringValue() + "/copy", Map.of())
				.expectStatus()
				.isCreated());
		assertThat(copy.get("id")).isNotEqualTo(original.get("id"));
		assertThat(copy.get("ownerId").stringValue()).isEqualTo(this.otherHost.toString());
		assertThat(copy.get("visibility").stringValue()).isEqualTo("PRIVATE");
		assertThat(copy.get("version").longValue()).isZero();
		assertThat(copy.get("title")).isEqualTo(original.get("title"));
		for (int i = 0; i < 5; i++) {
			JsonNode copied = copy.get("questions").get(i);
			JsonNode source = original.get("questions").get(i);
			assertThat(copied.get("id")).isNotEqualTo(source.get("id"));
			assertThat(withoutId(copied)).isEqualTo(withoutId(source));
		}
		assertThat(this.api.read(this.otherHost, copy.get("id").stringValue())).isEqualTo(copy);
	}

	@Test
	void copiesOwnPrivateQuiz() {
		String id = this.api.create(this.host, Quizzes.everyType("Mine")).get("id").stringValue();
		this.api.post(this.host, "/api/quizzes/" + id + "/copy", Map.of()).expectStatus().isCreated();
	}

	@Test
	void refusesMalformedJson() {
		JsonNode problem = Api.problem(this.client.post()
			.uri("/api/quizzes")
			.header(HttpHeaders.AUTHORIZATION, Api.bearer(this.host))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"title\": \"Broken\",\n \"questions\": [ }")
			.exchange(), 400, "malformed-request");
		assertThat(problem.get("detail").stringValue()).contains("line 2");
	}

	@Test
	void refusesBodyThatIsNotAnObject() {
		JsonNode problem = Api.problem(this.api.post(this.host, "/api/quizzes", List.of(1, 2)), 400, "validation");
		assertThat(problem.get("errors").get(0).get("message").stringValue()).isEqualTo("must be a JSON object");
	}

	@Test
	void refusesUnknownQuestionType() {
		Map<String, Object> quiz = Quizzes.everyType("Unknown type");
		questions(quiz).get(2).put("type", "ESSAY");
		JsonNode problem = Api.problem(this.api.post(this.host, "/api/quizzes", quiz), 400, "validation");
		assertThat(fields(problem)).containsExactly("questions[2].type");
		assertThat(problem.get("errors").get(0).get("message").stringValue()).contains("ESSAY")
			.contains("SINGLE_CHOICE");
		assertThat(problem.get("errors").get(0).get("pointer").stringValue()).isEqualTo("/questions/2/type");
	}

	@Test
	void refusesTooManyOptions() {
		Map<String, Object> question = Quizzes.question("SINGLE_CHOICE", "Seven?",
				options(option("1", true), option("2", false), option("3", false), option("4", false),
						option("5", false), option("6", false), option("7", false)));
		JsonNode problem = Api.problem(this.api.post(this.host, "/api/quizzes", Quizzes.quiz("Crowded", question)), 400,
				"validation");
		assertThat(errors(problem)).containsExactly(Map.entry("questions[0].options", "needs 2 to 6 options (has 7)"));
	}

	@Test
	void refusesOversizedTexts() {
		Map<String, Object> quiz = Quizzes.everyType("x".repeat(121));
		questions(quiz).get(1).put("text", "y".repeat(501));
		quiz.put("description", "z".repeat(1001));
		JsonNode problem = Api.problem(this.api.post(this.host, "/api/quizzes", quiz), 400, "validation");
		assertThat(errors(problem)).containsOnly(Map.entry("title", "must be at most 120 characters (is 121)"),
				Map.entry("description", "must be at most 1000 characters (is 1001)"),
				Map.entry("questions[1].text", "must be at most 500 characters (is 501)"));
	}

	@Test
	void refusesSingleChoiceWithTwoCorrectOptionsNamingTheQuestionAndField() {
		Map<String, Object> quiz = Quizzes.everyType("Two right");
		questions(quiz).add(1,
				Quizzes.question("SINGLE_CHOICE", "Both?", options(option("A", true), option("B", true))));
		JsonNode problem = Api.problem(this.api.post(this.host, "/api/quizzes", quiz), 400, "validation");
		assertThat(errors(problem)).containsExactly(
				Map.entry("questions[1].options", "single choice needs exactly one correct option (has 2)"));
	}

	@Test
	void reportsEveryProblemAtOnce() {
		Map<String, Object> quiz = Quizzes.everyType("");
		questions(quiz).get(0).put("timeLimitSeconds", 3);
		questions(quiz).get(1).put("options", options(option("A", false), option("B", false)));
		questions(quiz).get(2).put("options", options(option("Yes", true), option("No", false)));
		questions(quiz).get(3).put("acceptedAnswers", List.of());
		questions(quiz).get(4).put("points", "DOUBLE");
		questions(quiz).get(4).put("imageUrl", "http://example.com/cat.png");
		JsonNode problem = Api.problem(this.api.post(this.host, "/api/quizzes", quiz), 400, "validation");
		assertThat(fields(problem)).containsExactlyInAnyOrder("title", "questions[0].timeLimitSeconds",
				"questions[1].options", "questions[2].options", "questions[3].acceptedAnswers", "questions[4].points",
				"questions[4].imageUrl");
		assertThat(problem.get("detail").stringValue()).isEqualTo("7 problems; see errors");
	}

	@Test
	void refusesWrongJsonTypesAsFieldProblems() {
		Map<String, Object> quiz = Quizzes.everyType("Types");
		questions(quiz).get(0).put("timeLimitSeconds", "twenty");
		questions(quiz).get(1).put("options", "A, B");
		quiz.put("tags", "one,two");
		JsonNode problem = Api.problem(this.api.post(this.host, "/api/quizzes", quiz), 400, "validation");
		assertThat(fields(problem)).containsExactlyInAnyOrder("tags", "questions[0].timeLimitSeconds",
				"questions[1].options");
	}

	@Test
	void refusesMoreThanOneHundredQuestions() {
		Map<String, Object> quiz = Quizzes.quiz("Marathon");
		for (int i = 0; i < 101; i++) {
			questions(quiz).add(Quizzes.trueFalse("Statement " + i, true));
		}
		JsonNode problem = Api.problem(this.api.post(this.host, "/api/quizzes", quiz), 400, "validation");
		assertThat(errors(problem))
			.containsExactly(Map.entry("questions", "must hold at most 100 questions (has 101)"));
	}

	@Test
	void acceptsExternalHttpsImageButNotAMissingUpload() {
		Map<String, Object> quiz = Quizzes.everyType("Pictures");
		questions(quiz).get(0).put("imageUrl", "https://images.example.com/mars.png");
		assertThat(this.api.create(this.host, quiz).get("questions").get(0).get("imageUrl").stringValue())
			.isEqualTo("https://images.example.com/mars.png");
		questions(quiz).get(1).put("imageUrl", "/api/quizzes/images/" + "0".repeat(64) + ".png");
		JsonNode problem = Api.problem(this.api.post(this.host, "/api/quizzes", quiz), 400, "validation");
		assertThat(errors(problem))
			.containsExactly(Map.entry("questions[1].imageUrl", "names an uploaded image that does not exist here"));
	}

	@Test
	void refusesBodyOverTheLimit() {
		Map<String, Object> quiz = Quizzes.everyType("Huge");
		quiz.put("description", "x".repeat(3 * 1024 * 1024));
		Api.problem(this.api.post(this.host, "/api/quizzes", quiz), 413, "payload-too-large");
	}

	@Test
	void refusesIdThatIsNotAUuid() {
		JsonNode problem = Api.problem(this.api.get(this.host, "/api/quizzes/not-a-uuid"), 400, "validation");
		assertThat(fields(problem)).containsExactly("id");
	}

	@Test
	void refusesWrongMethodAndContentTypeWithProblems() {
		Api.problem(this.api.post(this.host, "/api/quizzes/" + UUID.randomUUID(), Map.of()), 405, "method-not-allowed");
		Api.problem(this.client.post()
			.uri("/api/quizzes")
			.header(HttpHeaders.AUTHORIZATION, Api.bearer(this.host))
			.contentType(MediaType.TEXT_PLAIN)
			.body("title: plain")
			.exchange(), 415, "unsupported-media-type");
		Api.problem(this.api.get(this.host, "/api/quizzes/" + UUID.randomUUID() + "/nothing-here"), 404, "not-found");
	}

	@Test
	void unknownQuizIsNotFound() {
		Api.problem(this.api.get(this.host, "/api/quizzes/" + UUID.randomUUID()), 404, "not-found");
	}

	private static List<String> fields(JsonNode problem) {
		return problem.get("errors").valueStream().map((error) -> error.get("field").stringValue()).toList();
	}

	private static List<Map.Entry<String, String>> errors(JsonNode problem) {
		return problem.get("errors")
			.valueStream()
			.map((error) -> Map.entry(error.get("field").stringValue(), error.get("message").stringValue()))
			.toList();
	}

	private static Set<String> propertyNames(JsonNode node) {
		return Set.copyOf(node.propertyNames());
	}

	private static JsonNode withoutId(JsonNode question) {
		tools.jackson.databind.node.ObjectNode copy = question.asObject().deepCopy();
		copy.remove("id");
		return copy;
	}

}
