package dev.vanguard.session.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny real HTTP server standing in for the services session-service calls:
 * quiz-service's {@code GET /api/quizzes/{id}} (a quiz is shown only to its owner, as the
 * forwarded bearer token says) and auth-service's JWKS.
 */
public final class QuizStub {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<UUID, Quiz> quizzes = new ConcurrentHashMap<>();

	QuizStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/api/quizzes/", this::quiz);
		this.server.createContext("/.well-known/jwks.json",
				(exchange) -> respond(exchange, 200, HostKeys.jwks().getBytes(StandardCharsets.UTF_8)));
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private final Map<UUID, String> grants = new ConcurrentHashMap<>();

	/** Registers a quiz owned by {@code ownerId} and returns its id. */
	public UUID add(UUID ownerId, String title, List<Question> questions) {
		UUID id = UUID.randomUUID();
		this.quizzes.put(id, new Quiz(id, ownerId, title, questions));
		return id;
	}

	private void quiz(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Quiz quiz;
		try {
			quiz = this.quizzes.get(UUID.fromString(path.substring("/api/quizzes/".length())));
		}
		catch (IllegalArgumentException ex) {
			quiz = null;
		}
		if (quiz == null || !quiz.ownerId().equals(bearerSubject(exchange))) {
			respond(exchange, 404, "{\"status\":404}".getBytes(StandardCharsets.UTF_8));
			return;
		}
		// like quiz-service, the answer key only with session-service's grant
		String grant = exchange.getRequestHeaders().getFirst("Vanguard-Answer-Key-Grant");
		if (grant != null) {
			this.grants.put(quiz.id(), grant);
		}
		Map<String, Object> json = quiz.toJson();
		json.put("withAnswers", grant != null);
		respond(exchange, 200, JSON.writeValueAsBytes(json));
	}

	/** The answer-key grant session-service sent with its last fetch of the quiz. */
	public String grant(UUID quizId) {
		return this.grants.get(quizId);
	}

	private static UUID bearerSubject(HttpExchange exchange) {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		if (header == null || !header.startsWith("Bearer ")) {
			return null;
		}
		try {
			return UUID.fromString(SignedJWT.parse(header.substring(7)).getJWTClaimsSet().getSubject());
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	record Quiz(UUID id, UUID ownerId, String title, List<Question> questions) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", this.id.toString());
			json.put("ownerId", this.ownerId.toString());
			json.put("title", this.title);
			json.put("description", "A quiz for tests");
			json.put("visibility", "PRIVATE");
			json.put("tags", List.of("test"));
			json.put("version", 3);
			json.put("createdAt", Instant.now().toString());
			json.put("updatedAt", Instant.now().toString());
			List<Map<String, Object>> questions = new ArrayList<>();
			for (Question question : this.questions) {
				questions.add(question.toJson());
			}
			json.put("questions", questions);
			return json;
		}

	}

	/**
	 * A question as quiz-service returns it.
	 *
	 * @param correct indexes of the correct options
	 */
	public record Question(String type, String text, int timeLimitSeconds, String points, List<String> options,
			List<Integer> correct, List<String> acceptedAnswers) {

		public static Question single(String text, int timeLimitSeconds, List<String> options, int correct) {
			return new Question("SINGLE_CHOICE", text, timeLimitSeconds, "STANDARD", options, List.of(correct),
					List.of());
		}

		public static Question typed(String text, int timeLimitSeconds, List<String> accepted) {
			return new Question("TYPE_ANSWER", text, timeLimitSeconds, "DOUBLE", List.of(), List.of(), accepted);
		}

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", UUID.randomUUID().toString());
			json.put("type", this.type);
			json.put("text", this.text);
			json.put("imageUrl", null);
			json.put("timeLimitSeconds", this.timeLimitSeconds);
			json.put("points", this.points);
			List<Map<String, Object>> options = new ArrayList<>();
			for (int i = 0; i < this.options.size(); i++) {
				options.add(Map.of("text", this.options.get(i), "correct", this.correct.contains(i)));
			}
			json.put("options", options);
			json.put("acceptedAnswers", this.acceptedAnswers);
			return json;
		}

	}

}
