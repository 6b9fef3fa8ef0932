package dev.vanguard.quiz.library;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.vanguard.contracts.AnswerText;
import dev.vanguard.contracts.PointsMode;
import dev.vanguard.contracts.QuestionType;
import dev.vanguard.quiz.image.ImageUrls;
import dev.vanguard.quiz.web.FieldPath;
import dev.vanguard.quiz.web.FieldProblem;
import tools.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Reads a quiz from JSON and checks every rule on the way, collecting every problem with
 * its position rather than stopping at the first: editors show them all next to their
 * fields, and an import reports a whole file at once. Working on the JSON tree (rather
 * than binding to records) is what lets an unknown question type or a string where a
 * number belongs be one more field problem instead of a parse failure.
 */
public final class QuizDocumentReader {

	/**
	 * Members a client may send back from a response; they are not the client's to set.
	 */
	private static final Set<String> QUIZ_READ_ONLY = Set.of("id", "ownerId", "version", "createdAt", "updatedAt",
			"questionCount", "withAnswers");

	private static final Set<String> QUIZ_FIELDS = Set.of("title", "description", "visibility", "tags", "questions");

	private static final Set<String> QUESTION_FIELDS = Set.of("id", "type", "text", "imageUrl", "timeLimitSeconds",
			"points", "options", "acceptedAnswers");

	private static final Set<String> OPTION_FIELDS = Set.of("text", "correct");

	private static final List<String> TRUE_FALSE_OPTIONS = List.of("True", "False");

	/*
	 * Stand-ins for entries that were already reported, so that counts ("needs 2 to 6
	 * options") stay true to what the client sent; content with problems is never used.
	 */
	private static final QuizContent.Option UNREADABLE_OPTION = new QuizContent.Option("", false);

	private static final String UNREADABLE_ANSWER = "";

	private final List<FieldProblem> problems = new ArrayList<>();

	private final List<UploadedImage> images = new ArrayList<>();

	private QuizDocumentReader() {
	}

	/**
	 * Reads the quiz object at {@code path} of its document.
	 */
	public static Result read(JsonNode quiz, FieldPath path) {
		QuizDocumentReader reader = new QuizDocumentReader();
		QuizContent content = reader.quiz(quiz, path);
		return new Result(reader.problems.isEmpty() ? content : null, reader.problems, reader.images);
	}

	/**
	 * The outcome of reading: the content when nothing is wrong, otherwise every problem.
	 */
	public record Result(QuizContent content, List<FieldProblem> problems, List<UploadedImage> images) {

		public Result {
			problems = List.copyOf(problems);
			images = List.copyOf(images);
		}

		public boolean valid() {
			return this.problems.isEmpty();
		}

		Result withProblems(List<FieldProblem> more) {
			if (more.isEmpty()) {
				return this;
			}
			List<FieldProblem> all = new ArrayList<>(this.problems);
			all.addAll(more);
			return new Result(null, all, this.images);
		}

	}

	/** A question image uploaded to this service, which must exist to be used. */
	public record UploadedImage(FieldPath path, String sha256) {

	}

	private @Nullable QuizContent quiz(JsonNode node, FieldPath path) {
		if (node == null || !node.isObject()) {
			problem(path, "must be a JSON object");
			return null;
		}
		unknownFields(node, path, QUIZ_FIELDS, QUIZ_READ_ONLY);
		String title = string(node, path, "title", true, QuizLimits.TITLE_MAX, false);
		String description = string(node, path, "description", false, QuizLimits.DESCRIPTION_MAX, true);
		Visibility visibility = constant(node, path, "visibility", Visibility.class, Visibility.PRIVATE);
		List<String> tags = tags(node.get("tags"), path.field("tags"));
		List<QuizContent.Question> questions = questions(node.get("questions"), path.field("questions"));
		return new QuizContent(title, (description != null) ? description : "", visibility, tags, questions);
	}

	private List<String> tags(JsonNode node, FieldPath path) {
		List<String> tags = new ArrayList<>();
		if (!isArray(node, path, "strings")) {
			return tags;
		}
		tooMany(node, path, QuizLimits.TAGS_MAX, "tags");
		for (int i = 0; i < node.size(); i++) {
			String tag = text(node.get(i), path.index(i), true, QuizLimits.TAG_MAX, false);
			if (tag == null) {
				continue;
			}
			tag = tag.toLowerCase(Locale.ROOT);
			if (tags.contains(tag)) {
				problem(path.index(i), "repeats the tag '" + tag + "'");
			}
			else {
				tags.add(tag);
			}
		}
		return tags;
	}

	private List<QuizContent.Question> questions(JsonNode node, FieldPath path) {
		List<QuizContent.Question> questions = new ArrayList<>();
		if (!isArray(node, path, "questions")) {
			return questions;
		}
		tooMany(node, path, QuizLimits.QUESTIONS_MAX, "questions");
		for (int i = 0; i < node.size(); i++) {
			QuizContent.Question question = question(node.get(i), path.index(i));
			if (question != null) {
				questions.add(question);
			}
		}
		return questions;
	}

	private QuizContent.@Nullable Question question(JsonNode node, FieldPath path) {
		if (!node.isObject()) {
			problem(path, "must be a JSON object");
			return null;
		}
		unknownFields(node, path, QUESTION_FIELDS, Set.of());
		UUID id = questionId(node.get("id"), path.field("id"));
		QuestionType type = questionType(node.get("type"), path.field("type"));
		String text = string(node, path, "text", true, QuizLimits.QUESTION_TEXT_MAX, true);
		String imageUrl = imageUrl(node.get("imageUrl"), path.field("imageUrl"));
		int timeLimit = timeLimit(node.get("timeLimitSeconds"), path.field("timeLimitSeconds"));
		PointsMode points = points(node.get("points"), path.field("points"), type);
		List<QuizContent.Option> options = options(node.get("options"), path.field("options"));
		List<String> accepted = acceptedAnswers(node.get("acceptedAnswers"), path.field("acceptedAnswers"));
		if (type != null && options != null && accepted != null) {
			checkAnswers(type, options, accepted, path);
		}
		return new QuizContent.Question(id, type, text, imageUrl, timeLimit, points,
				(options != null) ? options : List.of(), (accepted != null) ? accepted : List.of());
	}

	private void checkAnswers(QuestionType type, List<QuizContent.Option> options, List<String> accepted,
			FieldPath path) {
		FieldPath optionsPath = path.field("options");
		long correct = options.stream().filter(QuizContent.Option::correct).count();
		switch (type) {
			case SINGLE_CHOICE -> {
				optionCount(options, optionsPath);
				if (correct != 1) {
					problem(optionsPath, "single choice needs exactly one correct option (has " + correct + ")");
				}
			}
			case MULTIPLE_SELECT -> {
				optionCount(options, optionsPath);
				if (correct < 1) {
					problem(optionsPath, "multiple select needs at least one correct option");
				}
			}
			case TRUE_FALSE -> {
				List<String> texts = options.stream().map(QuizContent.Option::text).toList();
				if (!texts.equals(TRUE_FALSE_OPTIONS)) {
					problem(optionsPath, "true/false needs exactly the options \"True\" and \"False\", in that order");
				}
				else if (correct != 1) {
					problem(optionsPath, "true/false needs exactly one correct option (has " + correct + ")");
				}
			}
			case POLL -> {
				optionCount(options, optionsPath);
				if (correct > 0) {
					problem(optionsPath, "a poll has no correct option");
				}
			}
			case TYPE_ANSWER -> {
				if (!options.isEmpty()) {
					problem(optionsPath, "type-answer questions have no options; list acceptedAnswers instead");
				}
				if (accepted.isEmpty()) {
					problem(path.field("acceptedAnswers"),
							"type-answer needs 1 to " + QuizLimits.ACCEPTED_ANSWERS_MAX + " accepted answers");
				}
			}
		}
		if (type != QuestionType.TYPE_ANSWER && !accepted.isEmpty()) {
			problem(path.field("acceptedAnswers"), "only type-answer questions have accepted answers");
		}
	}

	private void optionCount(List<QuizContent.Option> options, FieldPath path) {
		if (options.size() < QuizLimits.OPTIONS_MIN || options.size() > QuizLimits.OPTIONS_MAX) {
			problem(path, "needs " + QuizLimits.OPTIONS_MIN + " to " + QuizLimits.OPTIONS_MAX + " options (has "
					+ options.size() + ")");
		}
	}

	private @Nullable UUID questionId(@Nullable JsonNode node, FieldPath path) {
		if (absent(node)) {
			return null;
		}
		if (node.isString()) {
			try {
				return UUID.fromString(node.stringValue());
			}
			catch (IllegalArgumentException ex) {
				// reported below
			}
		}
		problem(path, "must be the UUID of a question of this quiz, or absent for a new question");
		return null;
	}

	private @Nullable QuestionType questionType(@Nullable JsonNode node, FieldPath path) {
		if (absent(node)) {
			problem(path, "is required (one of " + names(QuestionType.values()) + ")");
			return null;
		}
		QuestionType type = node.isString() ? lookup(QuestionType.class, node.stringValue()) : null;
		if (type == null) {
			problem(path, "unknown question type " + node + "; expected one of " + names(QuestionType.values()));
		}
		return type;
	}

	private PointsMode points(JsonNode node, FieldPath path, QuestionType type) {
		PointsMode fallback = (type == QuestionType.POLL) ? PointsMode.NONE : PointsMode.STANDARD;
		if (absent(node)) {
			return fallback;
		}
		PointsMode points = node.isString() ? lookup(PointsMode.class, node.stringValue()) : null;
		if (points == null) {
			problem(path, "must be one of " + names(PointsMode.values()));
			return fallback;
		}
		if (type == QuestionType.POLL && points != PointsMode.NONE) {
			problem(path, "a poll awards no points; use NONE");
		}
		return points;
	}

	private int timeLimit(JsonNode node, FieldPath path) {
		if (absent(node)) {
			return QuizLimits.DEFAULT_TIME_LIMIT;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt()) {
			problem(path, "must be a whole number of seconds");
			return QuizLimits.DEFAULT_TIME_LIMIT;
		}
		int seconds = node.intValue();
		if (seconds < QuizLimits.TIME_LIMIT_MIN || seconds > QuizLimits.TIME_LIMIT_MAX) {
			problem(path, "must be between " + QuizLimits.TIME_LIMIT_MIN + " and " + QuizLimits.TIME_LIMIT_MAX
					+ " seconds (is " + seconds + ")");
		}
		return seconds;
	}

	private @Nullable String imageUrl(@Nullable JsonNode node, FieldPath path) {
		String url = text(node, path, false, QuizLimits.IMAGE_URL_MAX, false);
		if (url == null || url.isEmpty()) {
			return null;
		}
		ImageUrls.problemWith(url).ifPresent((problem) -> problem(path, problem));
		ImageUrls.own(url).ifPresent((image) -> this.images.add(new UploadedImage(path, image.sha256())));
		return url;
	}

	/** The options as written, or {@code null} when they are not even an array. */
	private @Nullable List<QuizContent.Option> options(@Nullable JsonNode node, FieldPath path) {
		List<QuizContent.Option> options = new ArrayList<>();
		if (absent(node)) {
			return options;
		}
		if (!isArray(node, path, "options")) {
			return null;
		}
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < node.size(); i++) {
			FieldPath optionPath = path.index(i);
			JsonNode option = node.get(i);
			if (!option.isObject()) {
				problem(optionPath, "must be a JSON object with text and correct");
				options.add(UNREADABLE_OPTION);
				continue;
			}
			unknownFields(option, optionPath, OPTION_FIELDS, Set.of());
			String text = string(option, optionPath, "text", true, QuizLimits.OPTION_TEXT_MAX, false);
			boolean correct = flag(option.get("correct"), optionPath.field("correct"));
			if (text == null) {
				options.add(new QuizContent.Option(UNREADABLE_OPTION.text(), correct));
				continue;
			}
			Integer earlier = seen.putIfAbsent(AnswerText.normalise(text), i);
			if (earlier != null) {
				problem(optionPath.field("text"), "is the same as option " + earlier);
			}
			options.add(new QuizContent.Option(text, correct));
		}
		return options;
	}

	/** The accepted answers as written, or {@code null} when not even an array. */
	private @Nullable List<String> acceptedAnswers(@Nullable JsonNode node, FieldPath path) {
		List<String> answers = new ArrayList<>();
		if (absent(node)) {
			return answers;
		}
		if (!isArray(node, path, "strings")) {
			return null;
		}
		tooMany(node, path, QuizLimits.ACCEPTED_ANSWERS_MAX, "accepted answers");
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < node.size(); i++) {
			String answer = text(node.get(i), path.index(i), true, QuizLimits.ACCEPTED_ANSWER_MAX, false);
			if (answer == null) {
				answers.add(UNREADABLE_ANSWER);
				continue;
			}
			String normalised = AnswerText.normalise(answer);
			if (normalised.isEmpty()) {
				problem(path.index(i), "has nothing left to compare once case, accents and spaces are ignored");
				answers.add(UNREADABLE_ANSWER);
				continue;
			}
			Integer earlier = seen.putIfAbsent(normalised, i);
			if (earlier != null) {
				problem(path.index(i),
						"is the same as accepted answer " + earlier + " once case and accents are ignored");
			}
			answers.add(answer);
		}
		return answers;
	}

	private boolean flag(JsonNode node, FieldPath path) {
		if (absent(node)) {
			return false;
		}
		if (!node.isBoolean()) {
			problem(path, "must be true or false");
			return false;
		}
		return node.booleanValue();
	}

	private <E extends Enum<E>> E constant(JsonNode parent, FieldPath parentPath, String name, Class<E> type,
			E fallback) {
		JsonNode node = parent.get(name);
		if (absent(node)) {
			return fallback;
		}
		E value = node.isString() ? lookup(type, node.stringValue()) : null;
		if (value == null) {
			problem(parentPath.field(name), "must be one of " + names(type.getEnumConstants()));
			return fallback;
		}
		return value;
	}

	private @Nullable String string(JsonNode parent, FieldPath parentPath, String name, boolean required, int max,
			boolean multiline) {
		return text(parent.get(name), parentPath.field(name), required, max, multiline);
	}

	/**
	 * A trimmed string within its length (counted in characters as people see them, that
	 * is code points, which is also how PostgreSQL counts {@code varchar(n)}).
	 */
	private @Nullable String text(@Nullable JsonNode node, FieldPath path, boolean required, int max,
			boolean multiline) {
		if (absent(node)) {
			if (required) {
				problem(path, "is required");
			}
			return null;
		}
		if (!node.isString()) {
			problem(path, "must be a string");
			return null;
		}
		String text = node.stringValue().strip();
		if (text.isEmpty() && required) {
			problem(path, "must not be blank");
			return null;
		}
		int length = text.codePointCount(0, text.length());
		if (length > max) {
			problem(path, "must be at most " + max + " characters (is " + length + ")");
			return null;
		}
		if (text.codePoints().anyMatch((c) -> forbidden(c, multiline))) {
			problem(path, multiline ? "must not contain control characters other than line breaks and tabs"
					: "must not contain control characters or line breaks");
			return null;
		}
		return text;
	}

	private static boolean forbidden(int codePoint, boolean multiline) {
		if (multiline && (codePoint == '\n' || codePoint == '\r' || codePoint == '\t')) {
			return false;
		}
		return Character.getType(codePoint) == Character.CONTROL;
	}

	private void unknownFields(JsonNode node, FieldPath path, Set<String> fields, Set<String> ignored) {
		for (String name : node.propertyNames()) {
			if (!fields.contains(name) && !ignored.contains(name)) {
				problem(path.field(name), "is not a known field (expected "
						+ fields.stream().sorted().collect(Collectors.joining(", ")) + ")");
			}
		}
	}

	/**
	 * Whether the field holds an array (of {@code elements}, as the problem says when it
	 * does not); an absent field holds none.
	 */
	private boolean isArray(@Nullable JsonNode node, FieldPath path, String elements) {
		if (absent(node)) {
			return false;
		}
		if (!node.isArray()) {
			problem(path, "must be an array of " + elements);
			return false;
		}
		return true;
	}

	/**
	 * Reports an array longer than {@code max}; its elements are read all the same, so
	 * each gets its own problems.
	 */
	private void tooMany(JsonNode array, FieldPath path, int max, String elements) {
		if (array.size() > max) {
			problem(path, "must hold at most " + max + " " + elements + " (has " + array.size() + ")");
		}
	}

	private static boolean absent(@Nullable JsonNode node) {
		return node == null || node.isNull() || node.isMissingNode();
	}

	private static <E extends Enum<E>> @Nullable E lookup(Class<E> type, String name) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(name)) {
				return constant;
			}
		}
		return null;
	}

	private static String names(Enum<?>[] constants) {
		return Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", "));
	}

	private void problem(FieldPath path, String message) {
		this.problems.add(FieldProblem.at(path, message));
	}

}
