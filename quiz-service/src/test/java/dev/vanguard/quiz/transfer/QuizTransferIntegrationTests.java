package dev.vanguard.quiz.transfer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vanguard.quiz.Api;
import dev.vanguard.quiz.QuizIntegrationTest;
import dev.vanguard.quiz.Quizzes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.vanguard.quiz.Quizzes.option;
import static dev.vanguard.quiz.Quizzes.options;
import static dev.vanguard.quiz.Quizzes.questions;
import static org.assertj.core.api.Assertions.assertThat;

@QuizIntegrationTest
class QuizTransferIntegrationTests {

	@Autowired
	RestTestClient client;

	Api api;

	final UUID host = UUID.randomUUID();

	@BeforeEach
	void api() {
		this.api = new Api(this.client);
	}

	@Test
	void exportsAVersionedFileWithoutIdsOrOwner() {
		Map<String, Object> quiz = Quizzes.everyType("Exported: quiz #1");
		questions(quiz).get(0).put("imageUrl", "https://images.example.com/mars.png");
		String id = this.api.create(this.host, quiz).get("id").stringValue();
		JsonNode file = Api.json(this.api.get(this.host, "/api/quizzes/" + id + "/export")
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.value(HttpHeaders.CONTENT_DISPOSITION, (value) -> assertThat(value)
				.isEqualTo("attachment; filename=\"exported-quiz-1.vanguard-quiz.json\"")));
		assertThat(file.get("format").stringValue()).isEqualTo("vanguard-quiz");
		assertThat(file.get("version").intValue()).isEqualTo(1);
		assertThat(file.get("exportedAt").stringValue()).isNotBlank();
		JsonNode exported = file.get("quiz");
		assertThat(exported.propertyNames()).containsExactly("title", "description", "visibility", "tags", "questions");
		assertThat(exported.get("questions").get(0).propertyNames()).containsExactly("type", "text", "imageUrl",
				"timeLimitSeconds", "points", "options", "acceptedAnswers");
		assertThat(exported.get("questions").get(0).get("imageUrl").stringValue())
			.isEqualTo("https://images.example.com/mars.png");
	}

	@Test
	void importingAnExportGivesTheSameQuiz() {
		Map<String, Object> quiz = Quizzes.everyType("Round trip");
		quiz.put("description", "Line one\nLine two");
		quiz.put("tags", List.of("travel", "europe"));
		quiz.put("visibility", "PUBLIC");
		questions(quiz).get(0).put("timeLimitSeconds", 45);
		questions(quiz).get(0).put("points", "DOUBLE");
		questions(quiz).get(0).put("imageUrl", "https://images.example.com/mars.png");
		JsonNode original = this.api.create(this.host, quiz);
		JsonNode file = export(this.host, original.get("id").stringValue());

		JsonNode imported = Api.json(this.api.post(this.host, "/api/quizzes/import", file).expectStatus().isCreated());

		assertThat(imported.get("id")).isNotEqualTo(original.get("id"));
		assertThat(imported.get("ownerId").stringValue()).isEqualTo(this.host.toString());
		assertThat(content(imported)).isEqualTo(content(original));
		assertThat(export(this.host, imported.get("id").stringValue()).get("quiz")).isEqualTo(file.get("quiz"));
	}

	@Test
	void exportsOnlyMyOwnQuizzesSinceAFileHoldsTheAnswers() {
		Map<String, Object> quiz = Quizzes.everyType("Shared file");
		quiz.put("visibility", "PUBLIC");
		String id = this.api.create(UUID.randomUUID(), quiz).get("id").stringValue();
		Api.problem(this.api.get(this.host, "/api/quizzes/" + id + "/export"), 403, "forbidden");
	}

	@Test
	void reportsEveryProblemInTheFileWithItsPositionAndImportsNothing() {
		Map<String, Object> quiz = Quizzes.everyType("");
		questions(quiz).get(0).put("type", "ESSAY");
		questions(quiz).get(1)
			.put("options", options(option("1", true), option("2", false), option("3", false), option("4", false),
					option("5", false), option("6", false), option("7", false)));
		questions(quiz).get(2).put("text", "t".repeat(501));
		questions(quiz).get(3).put("acceptedAnswers", List.of("Paris", " paris "));
		questions(quiz).get(4).put("colour", "red");
		Map<String, Object> file = Map.of("format", "kahoot", "version", 2, "quiz", quiz);

		JsonNode problem = Api.problem(this.api.post(this.host, "/api/quizzes/import", file), 400, "validation");

		assertThat(problem.get("detail").stringValue())
			.isEqualTo("The quiz file has 8 problems; nothing was imported.");
		assertThat(problem.get("errors").valueStream().map((error) -> error.get("pointer").stringValue()))
			.containsExactlyInAnyOrder("/format", "/version", "/quiz/title", "/quiz/questions/0/type",
					"/quiz/questions/1/options", "/quiz/questions/2/text", "/quiz/questions/3/acceptedAnswers/1",
					"/quiz/questions/4/colour");
		assertThat(problem.get("errors").get(0).get("field").stringValue()).isEqualTo("format");
		assertThat(mine()).isZero();
	}

	@Test
	void refusesFileNamingAnUploadedImageThatIsNotHere() {
		JsonNode file = export(this.host,
				this.api.create(this.host, Quizzes.everyType("Pictures")).get("id").stringValue());
		((ObjectNode) file.get("quiz").get("questions").get(2)).put("imageUrl",
				"/api/quizzes/images/" + "a".repeat(64) + ".png");
		long before = mine();
		JsonNode problem = Api.problem(this.api.post(this.host, "/api/quizzes/import", file), 400, "validation");
		assertThat(problem.get("errors").get(0).get("pointer").stringValue()).isEqualTo("/quiz/questions/2/imageUrl");
		assertThat(mine()).isEqualTo(before);
	}

	@Test
	void refusesFileWithoutQuiz() {
		JsonNode problem = Api.problem(
				this.api.post(this.host, "/api/quizzes/import", Map.of("format", "vanguard-quiz", "version", 1)), 400,
				"validation");
		assertThat(problem.get("errors").get(0).get("pointer").stringValue()).isEqualTo("/quiz");
	}

	@Test
	void refusesMalformedFile() {
		Api.problem(this.client.post()
			.uri("/api/quizzes/import")
			.header(HttpHeaders.AUTHORIZATION, Api.bearer(this.host))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"format\": \"vanguard-quiz\", ")
			.exchange(), 400, "malformed-request");
		Api.problem(this.api.post(this.host, "/api/quizzes/import", List.of()), 400, "validation");
	}

	private JsonNode export(UUID host, String id) {
		return Api.json(this.api.get(host, "/api/quizzes/" + id + "/export").expectStatus().isOk());
	}

	private long mine() {
		return Api.json(this.api.get(this.host, "/api/quizzes?mine=true").expectStatus().isOk())
			.get("totalItems")
			.longValue();
	}

	/** What the host wrote: the quiz without ids, owner, version and timestamps. */
	private static JsonNode content(JsonNode quiz) {
		ObjectNode content = quiz.asObject().deepCopy();
		content.remove(List.of("id", "ownerId", "version", "createdAt", "updatedAt"));
		content.get("questions").forEach((question) -> ((ObjectNode) question).remove("id"));
		return content;
	}

}
