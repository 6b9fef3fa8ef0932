package dev.vanguard.quiz.library;

import java.util.List;
import java.util.Map;

import dev.vanguard.contracts.PointsMode;
import dev.vanguard.contracts.QuestionType;
import dev.vanguard.quiz.Quizzes;
import dev.vanguard.quiz.web.FieldPath;
import dev.vanguard.quiz.web.FieldProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.vanguard.quiz.Quizzes.option;
import static dev.vanguard.quiz.Quizzes.options;
import static dev.vanguard.quiz.Quizzes.questions;
import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of a quiz, one by one, without a server. */
class QuizDocumentReaderTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void readsEveryQuestionType() {
		QuizDocumentReader.Result result = read(Quizzes.everyType("All"));
		assertThat(result.problems()).isEmpty();
		assertThat(result.content().questions()).extracting(QuizContent.Question::type)
			.containsExactly(QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_SELECT, QuestionType.TRUE_FALSE,
					QuestionType.TYPE_ANSWER, QuestionType.POLL);
	}

	@Test
	void singleChoiceNeedsExactlyOneCorrectOption() {
		assertThat(problems(question("SINGLE_CHOICE", option("A", false), option("B", false))))
			.containsExactly(entry("questions[0].options", "single choice needs exactly one correct option (has 0)"));
		assertThat(problems(question("SINGLE_CHOICE", option("A", true), option("B", true))))
			.containsExactly(entry("questions[0].options", "single choice needs exactly one correct option (has 2)"));
	}

	@Test
	void multipleSelectNeedsAtLeastOneCorrectOption() {
		assertThat(problems(question("MULTIPLE_SELECT", option("A", false), option("B", false))))
			.containsExactly(entry("questions[0].options", "multiple select needs at least one correct option"));
		assertThat(problems(question("MULTIPLE_SELECT", option("A", true), option("B", true)))).isEmpty();
	}

	@Test
	void trueFalseHasExactlyTrueAndFalseWithOneCorrect() {
		assertThat(problems(question("TRUE_FALSE", option("True", false), option("False", true)))).isEmpty();
		assertThat(problems(question("TRUE_FALSE", option("Yes", true), option("No", false)))).containsExactly(entry(
				"questions[0].options", "true/false needs exactly the options \"True\" and \"False\", in that order"));
		assertThat(problems(question("TRUE_FALSE", option("True", true), option("False", true))))
			.containsExactly(entry("questions[0].options", "true/false needs exactly one correct option (has 2)"));
		assertThat(problems(question("TRUE_FALSE", option("True", true)))).hasSize(1);
	}

	@Test
	void pollHasNoCorrectOptionAndAwardsNoPoints() {
		assertThat(problems(question("POLL", option("A", true), option("B", false))))
			.containsExactly(entry("questions[0].options", "a poll has no correct option"));
		Map<String, Object> poll = Quizzes.poll("Which?");
		poll.put("points", "STANDARD");
		assertThat(problems(Quizzes.quiz("Poll", poll)))
			.containsExactly(entry("questions[0].points", "a poll awards no points; use NONE"));
		poll.remove("points");
		assertThat(read(Quizzes.quiz("Poll", poll)).content().questions().getFirst().points())
			.isEqualTo(PointsMode.NONE);
	}

	@Test
	void optionsAreTwoToSixShortDistinctTexts() {
		assertThat(problems(question("SINGLE_CHOICE", option("A", true))))
			.containsExactly(entry("questions[0].options", "needs 2 to 6 options (has 1)"));
		assertThat(problems(question("SINGLE_CHOICE", option("Paris", true), option(" PARÍS ", false))))
			.containsExactly(entry("questions[0].options[1].text", "is the same as option 0"));
		assertThat(problems(question("SINGLE_CHOICE", option("x".repeat(121), true), option("B", false))))
			.containsExactly(entry("questions[0].options[0].text", "must be at most 120 characters (is 121)"));
		assertThat(problems(question("SINGLE_CHOICE", option("   ", true), option("B", false))))
			.containsExactly(entry("questions[0].options[0].text", "must not be blank"));
	}

	@Test
	void typeAnswerHasOneToTenAcceptedAnswersAndNoOptions() {
		assertThat(problems(Quizzes.quiz("T", Quizzes.typeAnswer("Capital?"))))
			.containsExactly(entry("questions[0].acceptedAnswers", "type-answer needs 1 to 10 accepted answers"));
		assertThat(problems(Quizzes.quiz("T",
				Quizzes.typeAnswer("Capital?", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"))))
			.containsExactly(entry("questions[0].acceptedAnswers", "must hold at most 10 accepted answers (has 11)"));
		assertThat(problems(Quizzes.quiz("T", Quizzes.typeAnswer("Capital?", "Reykjavík", "  reykjavik  "))))
			.containsExactly(entry("questions[0].acceptedAnswers[1]",
					"is the same as accepted answer 0 once case and accents are ignored"));
		assertThat(problems(Quizzes.quiz("T", Quizzes.typeAnswer("Capital?", "y".repeat(101)))))
			.containsExactly(entry("questions[0].acceptedAnswers[0]", "must be at most 100 characters (is 101)"));
		assertThat(problems(Quizzes.quiz("T", Quizzes.typeAnswer("Accent only?", "\u0301"))))
			.containsExactly(entry("questions[0].acceptedAnswers[0]",
					"has nothing left to compare once case, accents and spaces are ignored"));
		Map<String, Object> withOptions = Quizzes.typeAnswer("Capital?", "Oslo");
		withOptions.put("options", options(option("Oslo", true), option("Bergen", false)));
		assertThat(problems(Quizzes.quiz("T", withOptions))).containsExactly(
				entry("questions[0].options", "type-answer questions have no options; list acceptedAnswers instead"));
	}

	@Test
	void onlyTypeAnswerHasAcceptedAnswers() {
		Map<String, Object> question = Quizzes.singleChoice("Which?");
		question.put("acceptedAnswers", List.of("Mars"));
		assertThat(problems(Quizzes.quiz("S", question)))
			.containsExactly(entry("questions[0].acceptedAnswers", "only type-answer questions have accepted answers"));
	}

	@Test
	void keepsAcceptedAnswersAsWritten() {
		QuizContent content = read(Quizzes.quiz("T", Quizzes.typeAnswer("Capital?", "  Reykjavík "))).content();
		assertThat(content.questions().getFirst().acceptedAnswers()).containsExactly("Reykjavík");
	}

	@Test
	void timeLimitIsFiveToTwoHundredFortySeconds() {
		Map<String, Object> quiz = Quizzes.quiz("Time", Quizzes.singleChoice("A"), Quizzes.singleChoice("B"),
				Quizzes.singleChoice("C"), Quizzes.singleChoice("D"));
		questions(quiz).get(0).put("timeLimitSeconds", 4);
		questions(quiz).get(1).put("timeLimitSeconds", 241);
		questions(quiz).get(2).put("timeLimitSeconds", 12.5);
		questions(quiz).get(3).put("timeLimitSeconds", 240);
		assertThat(problems(quiz)).containsExactly(
				entry("questions[0].timeLimitSeconds", "must be between 5 and 240 seconds (is 4)"),
				entry("questions[1].timeLimitSeconds", "must be between 5 and 240 seconds (is 241)"),
				entry("questions[2].timeLimitSeconds", "must be a whole number of seconds"));
	}

	@Test
	void countsCharactersAsPeopleSeeThem() {
		String emoji = "\uD83D\uDE00";
		assertThat(problems(Quizzes.quiz(emoji.repeat(120), Quizzes.singleChoice("A")))).isEmpty();
		assertThat(problems(Quizzes.quiz(emoji.repeat(121), Quizzes.singleChoice("A"))))
			.containsExactly(entry("title", "must be at most 120 characters (is 121)"));
	}

	@Test
	void refusesControlCharactersButKeepsLineBreaksInLongTexts() {
		Map<String, Object> quiz = Quizzes.quiz("Nul\u0000title", Quizzes.singleChoice("Line one\nLine two\tend"));
		quiz.put("description", "Para one\r\nPara two");
		assertThat(problems(quiz))
			.containsExactly(entry("title", "must not contain control characters or line breaks"));
	}

	@Test
	void tagsAreAtMostTenShortDistinctWordsInLowerCase() {
		Map<String, Object> quiz = Quizzes.quiz("Tags", Quizzes.singleChoice("A"));
		quiz.put("tags", List.of("Maths", "maths", "t".repeat(31), ""));
		assertThat(problems(quiz)).containsExactly(entry("tags[1]", "repeats the tag 'maths'"),
				entry("tags[2]", "must be at most 30 characters (is 31)"), entry("tags[3]", "must not be blank"));
		quiz.put("tags", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"));
		assertThat(problems(quiz)).containsExactly(entry("tags", "must hold at most 10 tags (has 11)"));
	}

	@Test
	void imagesAreUploadsOrHttpsUrls() {
		Map<String, Object> quiz = Quizzes.quiz("Images", Quizzes.singleChoice("A"), Quizzes.singleChoice("B"),
				Quizzes.singleChoice("C"), Quizzes.singleChoice("D"), Quizzes.singleChoice("E"));
		questions(quiz).get(0).put("imageUrl", "/api/quizzes/images/" + "ab".repeat(32) + ".webp");
		questions(quiz).get(1).put("imageUrl", "https://cdn.example.com/a.png?size=large");
		questions(quiz).get(2).put("imageUrl", "http://cdn.example.com/a.png");
		questions(quiz).get(3).put("imageUrl", "/etc/passwd");
		questions(quiz).get(4).put("imageUrl", "javascript:alert(1)");
		QuizDocumentReader.Result result = read(quiz);
		assertThat(problems(quiz)).containsExactly(
				entry("questions[2].imageUrl", "must be an uploaded image or an https URL"),
				entry("questions[3].imageUrl",
						"must be an uploaded image (/api/quizzes/images/<sha256>.<ext>) or an https URL"),
				entry("questions[4].imageUrl", "must be an uploaded image or an https URL"));
		assertThat(result.images()).containsExactly(new QuizDocumentReader.UploadedImage(
				FieldPath.of("questions").index(0).field("imageUrl"), "ab".repeat(32)));
	}

	@Test
	void namesUnknownFieldsButIgnoresReadOnlyOnes() {
		Map<String, Object> quiz = Quizzes.quiz("Fields", Quizzes.singleChoice("A"));
		quiz.put("id", "anything");
		quiz.put("createdAt", "2020-01-01T00:00:00Z");
		// what the reader was shown: a quiz read and sent back as it came is accepted
		quiz.put("withAnswers", true);
		quiz.put("colour", "red");
		questions(quiz).get(0).put("acceptedAnswer", List.of("typo"));
		assertThat(problems(quiz)).extracting(Map.Entry::getKey)
			.containsExactly("colour", "questions[0].acceptedAnswer");
	}

	@Test
	void keepsQuestionIdsSoEditsKeepThem() {
		Map<String, Object> quiz = Quizzes.quiz("Ids", Quizzes.singleChoice("A"), Quizzes.singleChoice("B"));
		questions(quiz).get(0).put("id", "0190f5c2-7a8e-7000-8000-000000000001");
		questions(quiz).get(1).put("id", 7);
		assertThat(problems(quiz)).containsExactly(
				entry("questions[1].id", "must be the UUID of a question of this quiz, or absent for a new question"));
	}

	@Test
	void needsTypeAndTextForEveryQuestion() {
		Map<String, Object> question = Quizzes.singleChoice("A");
		question.remove("type");
		question.remove("text");
		assertThat(problems(Quizzes.quiz("Bare", question))).extracting(Map.Entry::getKey)
			.containsExactly("questions[0].type", "questions[0].text");
	}

	@Test
	void rendersFieldPathsAndJsonPointers() {
		FieldPath path = FieldPath.of("quiz").field("questions").index(3).field("a/b~c");
		assertThat(path.field()).isEqualTo("quiz.questions[3].a/b~c");
		assertThat(path.pointer()).isEqualTo("/quiz/questions/3/a~1b~0c");
	}

	@Test
	void turnsSearchTextIntoPrefixWordsOnly() {
		assertThat(QuizSearch.tsQuery("Geo, cap!")).isEqualTo("geo:* & cap:*");
		assertThat(QuizSearch.tsQuery("a & !b | (c:*)")).isEqualTo("a:* & b:* & c:*");
		assertThat(QuizSearch.tsQuery("Zürich")).isEqualTo("zürich:*");
		assertThat(QuizSearch.tsQuery(" !?& ")).isNull();
		assertThat(QuizSearch.tsQuery(null)).isNull();
	}

	@SafeVarargs
	private static Map<String, Object> question(String type, Map<String, Object>... given) {
		List<Map<String, Object>> options = options();
		for (Map<String, Object> option : given) {
			options.add(option);
		}
		Map<String, Object> question = Quizzes.question(type, "Question?", options);
		if (type.equals("POLL")) {
			question.put("points", "NONE");
		}
		return Quizzes.quiz("Quiz", question);
	}

	private static QuizDocumentReader.Result read(Object quiz) {
		JsonNode node = JSON.valueToTree(quiz);
		return QuizDocumentReader.read(node, FieldPath.root());
	}

	private static List<Map.Entry<String, String>> problems(Object quiz) {
		return read(quiz).problems().stream().map(QuizDocumentReaderTests::entry).toList();
	}

	private static Map.Entry<String, String> entry(FieldProblem problem) {
		return Map.entry(problem.field(), problem.message());
	}

	private static Map.Entry<String, String> entry(String field, String message) {
		return Map.entry(field, message);
	}

}
