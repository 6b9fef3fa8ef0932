package dev.vanguard.e2e;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vanguard.e2e.Quizzes.Question;
import dev.vanguard.e2e.Quizzes.Quiz;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3 through the gateway: a host builds a quiz with every question type and an
 * uploaded image, finds it by a word of a question, exports and imports it, shares it,
 * and another host copies it; private quizzes stay private and player tokens open
 * nothing.
 */
class QuizLibraryEndToEndTests {

	private static Host owner;

	private static Host other;

	@BeforeAll
	static void registerHosts() {
		owner = Host.register("quiz-owner");
		other = Host.register("quiz-other");
	}

	@Test
	void hostBuildsFindsExportsImportsAndSharesQuizAnotherHostCopies() {
		byte[] png = png();
		JsonNode image = uploadImage(owner, png, "pixel.png");
		String imageUrl = image.path("url").asString();
		assertThat(imageUrl).matches("/api/quizzes/images/[0-9a-f]{64}\\.png");
		assertThat(image.path("contentType").asString()).isEqualTo("image/png");
		assertThat(image.path("size").asLong()).isEqualTo(png.length);
		assertThat(image.path("sha256").asString()).isEqualTo(sha256(png));
		Reply served = Gateway.get(imageUrl, null).expect(200);
		assertThat(served.bytes()).isEqualTo(png);
		assertThat(served.header("Content-Type")).isEqualTo("image/png");
		assertThat(served.header("Cache-Control")).contains("max-age=31536000", "immutable");
		assertThat(served.header("ETag")).isEqualTo("\"" + sha256(png) + "\"");

		String word = Names.word();
		JsonNode created = Quizzes.create(owner, everyType(word, imageUrl));
		UUID id = UUID.fromString(created.path("id").asString());
		assertThat(created.path("ownerId").asString()).isEqualTo(owner.id().toString());
		assertThat(created.path("visibility").asString()).isEqualTo("PRIVATE");
		assertThat(created.path("questions").valueStream().map((q) -> q.path("type").asString()))
			.containsExactly("SINGLE_CHOICE", "MULTIPLE_SELECT", "TRUE_FALSE", "TYPE_ANSWER", "POLL");
		assertThat(created.path("questions").path(0).path("imageUrl").asString()).isEqualTo(imageUrl);
		assertThat(Quizzes.content(Gateway.get("/api/quizzes/" + id, owner.accessToken()).expect(200).json()))
			.isEqualTo(Quizzes.content(created));

		assertThat(search(owner, "mine=true&q=" + word)).containsExactly(id);
		assertThat(search(owner, "mine=true&q=" + word.substring(0, 7).toUpperCase())).as("a word prefix, any case")
			.containsExactly(id);

		Reply export = Gateway.get("/api/quizzes/" + id + "/export", owner.accessToken()).expect(200);
		assertThat(export.header("Content-Disposition")).startsWith("attachment");
		JsonNode file = export.json();
		assertThat(file.path("format").asString()).isEqualTo("vanguard-quiz");
		assertThat(file.path("version").asInt()).isEqualTo(1);
		assertThat(file.path("quiz").has("id")).isFalse();
		assertThat(file.path("quiz").has("ownerId")).isFalse();
		assertThat(Quizzes.content(file.path("quiz"))).isEqualTo(Quizzes.content(created));

		JsonNode imported = Gateway.post("/api/quizzes/import", owner.accessToken(), file).expect(201).json();
		UUID importedId = UUID.fromString(imported.path("id").asString());
		assertThat(importedId).isNotEqualTo(id);
		assertThat(imported.path("ownerId").asString()).isEqualTo(owner.id().toString());
		assertThat(Quizzes.content(imported)).isEqualTo(Quizzes.content(created));
		assertThat(search(owner, "mine=true&q=" + word)).containsExactlyInAnyOrder(id, importedId);

		Gateway.get("/api/quizzes/" + id, other.accessToken()).expectProblem(404, "not-found");
		Gateway.get("/api/quizzes/" + id + "/export", other.accessToken()).expectProblem(404, "not-found");
		Gateway.post("/api/quizzes/" + id + "/copy", other.accessToken()).expectProblem(404, "not-found");
		assertThat(search(other, "q=" + word)).isEmpty();

		ObjectNode published = (ObjectNode) created.deepCopy();
		published.put("visibility", "PUBLIC");
		JsonNode updated = Gateway.put("/api/quizzes/" + id, owner.accessToken(), published).expect(200).json();
		assertThat(updated.path("visibility").asString()).isEqualTo("PUBLIC");
		assertThat(updated.path("version").asLong()).isGreaterThan(created.path("version").asLong());

		JsonNode seen = Gateway.get("/api/quizzes/" + id, other.accessToken()).expect(200).json();
		assertThat(seen.path("withAnswers").asBoolean()).as("another host reads a public quiz without its answers")
			.isFalse();
		assertThat(seen.path("questions").findValues("correct")).isEmpty();
		assertThat(seen.path("questions").findValues("acceptedAnswers"))
			.allSatisfy((answers) -> assertThat(answers).isEmpty());
		assertThat(search(other, "public=true&q=" + word)).containsExactly(id);
		Gateway.get("/api/quizzes/" + id + "/export", other.accessToken()).expectProblem(403, "forbidden");
		Gateway.put("/api/quizzes/" + id, other.accessToken(), updated).expectProblem(403, "forbidden");

		JsonNode copy = Gateway.post("/api/quizzes/" + id + "/copy", other.accessToken()).expect(201).json();
		assertThat(copy.path("id").asString()).isNotEqualTo(id.toString());
		assertThat(copy.path("ownerId").asString()).isEqualTo(other.id().toString());
		assertThat(copy.path("visibility").asString()).isEqualTo("PRIVATE");
		ObjectNode expected = Quizzes.content(updated);
		expected.put("visibility", "PRIVATE");
		assertThat(Quizzes.content(copy)).isEqualTo(expected);
		assertThat(search(other, "mine=true&q=" + word)).containsExactly(UUID.fromString(copy.path("id").asString()));

		Gateway.get("/api/quizzes/" + importedId, other.accessToken()).expectProblem(404, "not-found");
	}

	@Test
	void refusesPlayerToken() {
		JsonNode quiz = Quizzes.create(owner, everyType(Names.word(), null));
		UUID quizId = UUID.fromString(quiz.path("id").asString());
		JsonNode session = Sessions.open(owner, quizId);
		try {
			Sessions.Player player = Sessions.join(session.path("pin").asString(), Names.nickname("Pat"));
			Gateway.get("/api/quizzes/" + quizId, player.token()).expectProblem(401, "unauthorized");
			Gateway.get("/api/quizzes?mine=true", player.token()).expectProblem(401, "unauthorized");
			Gateway.post("/api/quizzes/" + quizId + "/copy", player.token()).expectProblem(401, "unauthorized");
			Gateway.post("/api/quizzes", player.token(), Quiz.of("Sneaky")).expectProblem(401, "unauthorized");
		}
		finally {
			Sessions.endQuietly(owner, Sessions.id(session));
		}
	}

	@Test
	void refusesRequestsWithoutToken() {
		Gateway.get("/api/quizzes/" + Quizzes.SAMPLE_QUIZ_ID, null).expectProblem(401, "unauthorized");
		Gateway.post("/api/quizzes", null, Quiz.of("Anonymous")).expectProblem(401, "unauthorized");
	}

	@Test
	void refusesSingleChoiceWithTwoCorrectOptionsNamingTheField() {
		Quiz quiz = Quiz.of("Two right answers",
				Question.choice("SINGLE_CHOICE", "Pick one", 20, "STANDARD", List.of("This", "That", "Neither"), 0, 1));
		JsonNode problem = Gateway.post("/api/quizzes", owner.accessToken(), quiz).expectProblem(400, "validation");
		assertThat(problem.path("errors").valueStream().map((error) -> error.path("field").asString()))
			.contains("questions[0].options");
	}

	@Test
	void refusesImageThatIsNotAnImage() {
		byte[] text = "just some text, whatever the file name says".getBytes(StandardCharsets.UTF_8);
		Gateway.send(multipart(owner, text, "fake.png")).expectProblem(415, "unsupported-media-type");
	}

	/**
	 * One question of each type; the first shows the image, and only a question's text
	 * holds the word.
	 */
	private static Quiz everyType(String word, String imageUrl) {
		Question first = Question.choice("SINGLE_CHOICE", "Which planet is called the red planet?", 20, "STANDARD",
				List.of("Venus", "Mars", "Jupiter"), 1);
		return Quiz.of("Every question type", (imageUrl != null) ? first.withImage(imageUrl) : first,
				Question.choice("MULTIPLE_SELECT", "Which of these are prime numbers?", 30, "DOUBLE",
						List.of("2", "4", "5", "9"), 0, 2),
				Question.choice("TRUE_FALSE", "The Pacific is the largest ocean.", 10, "STANDARD",
						List.of("True", "False"), 0),
				Question.typed("What is the capital of Iceland, dear " + word + "?", 30, "Reykjavík"),
				Question.choice("POLL", "Which season do you like best?", 15, "NONE",
						List.of("Spring", "Summer", "Autumn", "Winter")));
	}

	private static List<UUID> search(Host host, String query) {
		JsonNode page = Gateway.get("/api/quizzes?" + query, host.accessToken()).expect(200).json();
		return page.path("items").valueStream().map((item) -> UUID.fromString(item.path("id").asString())).toList();
	}

	private static JsonNode uploadImage(Host host, byte[] bytes, String fileName) {
		Reply reply = Gateway.send(multipart(host, bytes, fileName)).expect(201);
		JsonNode image = reply.json();
		assertThat(reply.header("Location")).isEqualTo(image.path("url").asString());
		return image;
	}

	private static java.net.http.HttpRequest.Builder multipart(Host host, byte[] bytes, String fileName) {
		String boundary = "e2e-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(bytes);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return Gateway.request("/api/quizzes/images", host.accessToken())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.ofByteArray(body.toByteArray()));
	}

	/**
	 * A small PNG that differs on every run, so the upload is never one stored before.
	 */
	private static byte[] png() {
		BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
		image.setRGB(0, 0, new Color(UUID.randomUUID().hashCode() & 0xFFFFFF).getRGB());
		image.setRGB(7, 7, Color.ORANGE.getRGB());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
