package dev.vanguard.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Quizzes as the editor sends them to quiz-service (docs/api/quizzes.md). */
final class Quizzes {

	/** The public sample quiz quiz-service seeds on first start. */
	static final UUID SAMPLE_QUIZ_ID = UUID.fromString("00000000-0000-0000-0000-0000000005a1");

	private Quizzes() {
	}

	/** Creates the quiz in the host's library and returns it as quiz-service answers. */
	static JsonNode create(Host host, Quiz quiz) {
		return Gateway.post("/api/quizzes", host.accessToken(), quiz).expect(201).json();
	}

	/**
	 * What a host wrote, without what the service adds (ids, owner, version, times): the
	 * part that export, import and copy keep.
	 */
	static ObjectNode content(JsonNode quiz) {
		ObjectNode content = (ObjectNode) quiz.deepCopy();
		// withAnswers says what the reader was shown, not what the quiz holds
		content.remove(List.of("id", "ownerId", "version", "createdAt", "updatedAt", "withAnswers"));
		ArrayNode questions = (ArrayNode) content.path("questions");
		questions.forEach((question) -> ((ObjectNode) question).remove("id"));
		return content;
	}

	/**
	 * The content without its answer key: no {@code correct} flags, no accepted answers,
	 * as a host who does not own a public quiz reads it.
	 */
	static ObjectNode contentWithoutKey(JsonNode quiz) {
		ObjectNode content = content(quiz);
		content.path("questions").forEach((question) -> {
			((ObjectNode) question).remove("acceptedAnswers");
			question.path("options").forEach((option) -> ((ObjectNode) option).remove("correct"));
		});
		return content;
	}

	record Quiz(String title, String description, String visibility, List<String> tags, List<Question> questions) {

		static Quiz of(String title, Question... questions) {
			return new Quiz(title, "Made by the end-to-end tests.", "PRIVATE", List.of("e2e"), List.of(questions));
		}

	}

	record Question(String type, String text, String imageUrl, int timeLimitSeconds, String points,
			List<Option> options, List<String> acceptedAnswers) {

		/**
		 * A choice question of {@code type} whose options at {@code correct} are right.
		 */
		static Question choice(String type, String text, int timeLimitSeconds, String points, List<String> options,
				Integer... correct) {
			List<Integer> right = Arrays.asList(correct);
			List<Option> built = options.stream()
				.map((option) -> new Option(option, right.contains(options.indexOf(option))))
				.toList();
			return new Question(type, text, null, timeLimitSeconds, points, built, List.of());
		}

		static Question typed(String text, int timeLimitSeconds, String... acceptedAnswers) {
			return new Question("TYPE_ANSWER", text, null, timeLimitSeconds, "STANDARD", List.of(),
					List.of(acceptedAnswers));
		}

		Question withImage(String url) {
			return new Question(this.type, this.text, url, this.timeLimitSeconds, this.points, this.options,
					this.acceptedAnswers);
		}

	}

	record Option(String text, boolean correct) {
	}

}
