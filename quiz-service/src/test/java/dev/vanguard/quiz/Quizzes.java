package dev.vanguard.quiz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quiz request bodies for tests, as mutable maps so a test can break exactly one rule.
 */
public final class Quizzes {

	private Quizzes() {
	}

	@SafeVarargs
	public static Map<String, Object> quiz(String title, Map<String, Object>... questions) {
		Map<String, Object> quiz = new LinkedHashMap<>();
		quiz.put("title", title);
		quiz.put("description", "A quiz for tests");
		quiz.put("visibility", "PRIVATE");
		quiz.put("tags", new ArrayList<>(List.of("test")));
		quiz.put("questions", list(questions));
		return quiz;
	}

	/** One question of every type, in the order of {@code QuestionType}. */
	public static Map<String, Object> everyType(String title) {
		return quiz(title, singleChoice("Which planet is red?"), multipleSelect("Which are prime?"),
				trueFalse("The sky is blue.", true), typeAnswer("Capital of Iceland?", "Reykjavík", "Reykjavik city"),
				poll("Which do you like?"));
	}

	public static Map<String, Object> singleChoice(String text) {
		return question("SINGLE_CHOICE", text, options(option("Venus", false), option("Mars", true),
				option("Jupiter", false), option("Mercury", false)));
	}

	public static Map<String, Object> multipleSelect(String text) {
		return question("MULTIPLE_SELECT", text,
				options(option("2", true), option("9", false), option("11", true), option("15", false)));
	}

	public static Map<String, Object> trueFalse(String text, boolean answer) {
		return question("TRUE_FALSE", text, options(option("True", answer), option("False", !answer)));
	}

	public static Map<String, Object> typeAnswer(String text, String... answers) {
		Map<String, Object> question = question("TYPE_ANSWER", text, new ArrayList<>());
		question.put("acceptedAnswers", new ArrayList<>(List.of(answers)));
		return question;
	}

	public static Map<String, Object> poll(String text) {
		Map<String, Object> question = question("POLL", text,
				options(option("Red", false), option("Green", false), option("Blue", false)));
		question.put("points", "NONE");
		return question;
	}

	public static Map<String, Object> question(String type, String text, List<Map<String, Object>> options) {
		Map<String, Object> question = new LinkedHashMap<>();
		question.put("type", type);
		question.put("text", text);
		question.put("imageUrl", null);
		question.put("timeLimitSeconds", 20);
		question.put("points", "STANDARD");
		question.put("options", options);
		question.put("acceptedAnswers", new ArrayList<>());
		return question;
	}

	@SafeVarargs
	public static List<Map<String, Object>> options(Map<String, Object>... options) {
		return list(options);
	}

	@SafeVarargs
	private static List<Map<String, Object>> list(Map<String, Object>... items) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (Map<String, Object> item : items) {
			list.add(item);
		}
		return list;
	}

	public static Map<String, Object> option(String text, boolean correct) {
		Map<String, Object> option = new LinkedHashMap<>();
		option.put("text", text);
		option.put("correct", correct);
		return option;
	}

	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> questions(Map<String, Object> quiz) {
		return (List<Map<String, Object>>) quiz.get("questions");
	}

}
