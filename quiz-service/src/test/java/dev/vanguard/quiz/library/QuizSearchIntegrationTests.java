package dev.vanguard.quiz.library;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.vanguard.quiz.Api;
import dev.vanguard.quiz.QuizIntegrationTest;
import dev.vanguard.quiz.Quizzes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing and search. Each test makes up its own words and tags, so other tests' quizzes
 * in the same database never match.
 */
@QuizIntegrationTest
class QuizSearchIntegrationTests {

	@Autowired
	RestTestClient client;

	Api api;

	final UUID host = UUID.randomUUID();

	final UUID otherHost = UUID.randomUUID();

	/** A word no other quiz has: "zq" and ten random letters. */
	final String word = "zq" + UUID.randomUUID()
		.toString()
		.chars()
		.filter(Character::isDigit)
		.limit(10)
		.mapToObj((digit) -> String.valueOf((char) ('a' + digit - '0')))
		.reduce("", String::concat);

	@BeforeEach
	void api() {
		this.api = new Api(this.client);
	}

	@Test
	void listsMyQuizzesNewestFirstInAStablePageShape() {
		String first = create(this.host, "First", false);
		String second = create(this.host, "Second", true);
		String third = create(this.host, "Third", false);
		JsonNode page = list(this.host, "mine=true");
		assertThat(page.propertyNames()).containsExactly("items", "page", "size", "totalItems", "totalPages");
		assertThat(ids(page)).containsExactly(third, second, first);
		assertThat(page.get("page").intValue()).isZero();
		assertThat(page.get("size").intValue()).isEqualTo(20);
		assertThat(page.get("totalItems").longValue()).isEqualTo(3);
		assertThat(page.get("totalPages").intValue()).isEqualTo(1);
	}

	@Test
	void summariesCarryNoQuestionsOrAnswers() {
		create(this.host, "Summarised", false);
		JsonNode summary = list(this.host, "mine=true").get("items").get(0);
		assertThat(summary.propertyNames()).containsExactlyInAnyOrder("id", "ownerId", "title", "description",
				"visibility", "tags", "questionCount", "version", "createdAt", "updatedAt");
		assertThat(summary.get("questionCount").intValue()).isEqualTo(5);
		assertThat(summary.get("tags").valueStream().map(JsonNode::stringValue)).containsExactly("test", this.word);
	}

	@Test
	void publicListsEveryonesPublicQuizzesButNoPrivateOnes() {
		String othersPublic = create(this.otherHost, "Theirs, public", true);
		create(this.otherHost, "Theirs, private", false);
		String minePublic = create(this.host, "Mine, public", true);
		create(this.host, "Mine, private", false);
		assertThat(ids(list(this.host, "public=true&tag=" + this.word))).containsExactly(minePublic, othersPublic);
	}

	@Test
	void defaultListsMyQuizzesAndEveryonesPublicOnes() {
		String othersPublic = create(this.otherHost, "Theirs, public", true);
		create(this.otherHost, "Theirs, private", false);
		String minePrivate = create(this.host, "Mine, private", false);
		assertThat(ids(list(this.host, "tag=" + this.word))).containsExactly(minePrivate, othersPublic);
		assertThat(ids(list(this.host, "mine=true&public=true&tag=" + this.word))).containsExactly(minePrivate,
				othersPublic);
		assertThat(ids(list(this.host, "mine=true&tag=" + this.word))).containsExactly(minePrivate);
	}

	@Test
	void findsQuizByAWordOfAQuestionIgnoringCaseAccentsAndEndings() {
		Map<String, Object> quiz = Quizzes.quiz("Lakes", Quizzes.singleChoice("How deep is Lake Zürich"),
				Quizzes.trueFalse("Which lake is the " + this.word + "ière?", true));
		String id = this.api.create(this.host, quiz).get("id").stringValue();
		create(this.host, "Unrelated", false);
		assertThat(ids(list(this.host, "q={q}", this.word.toUpperCase(Locale.ROOT) + "IERE"))).containsExactly(id);
		assertThat(ids(list(this.host, "q={q}", this.word + "ière"))).containsExactly(id);
		assertThat(ids(list(this.host, "q={q}", this.word + "ie"))).containsExactly(id);
		assertThat(ids(list(this.host, "q={q}&mine=true", "Zürich " + this.word + "iere"))).containsExactly(id);
	}

	@Test
	void ranksTitleMatchesAboveQuestionMatches() {
		String inQuestion = this.api
			.create(this.host,
					Quizzes.quiz("Mountains", Quizzes.trueFalse("The " + this.word + " is a mountain.", true)))
			.get("id")
			.stringValue();
		String inTitle = this.api
			.create(this.host, Quizzes.quiz("All about " + this.word, Quizzes.trueFalse("Really?", true)))
			.get("id")
			.stringValue();
		String inDescription = create(this.host, "Somewhere", false);
		assertThat(ids(list(this.host, "q=" + this.word))).containsExactly(inTitle, inDescription, inQuestion);
	}

	@Test
	void queryOperatorsAreWordsNotSyntax() {
		String id = create(this.host, "Operators", false);
		assertThat(ids(list(this.host, "q={q}", this.word + " & ! | :* ( <-> '"))).containsExactly(id);
		assertThat(list(this.host, "mine=true&q={q}", "&&&").get("totalItems").longValue()).isEqualTo(1);
	}

	@Test
	void filtersByEveryTagAsked() {
		Map<String, Object> both = Quizzes.quiz("Both", Quizzes.trueFalse("Yes?", true));
		both.put("tags", List.of(this.word, "Second-" + this.word));
		String id = this.api.create(this.host, both).get("id").stringValue();
		create(this.host, "One tag", false);
		assertThat(ids(list(this.host, "tag=" + this.word + "&tag=SECOND-" + this.word))).containsExactly(id);
		assertThat(list(this.host, "tag=" + this.word).get("totalItems").longValue()).isEqualTo(2);
	}

	@Test
	void pagesThroughResults() {
		for (int i = 0; i < 5; i++) {
			create(this.host, "Quiz " + i, false);
		}
		JsonNode first = list(this.host, "mine=true&size=2&page=0");
		JsonNode last = list(this.host, "mine=true&size=2&page=2");
		JsonNode beyond = list(this.host, "mine=true&size=2&page=3");
		assertThat(first.get("items")).hasSize(2);
		assertThat(first.get("totalItems").longValue()).isEqualTo(5);
		assertThat(first.get("totalPages").intValue()).isEqualTo(3);
		assertThat(last.get("items")).hasSize(1);
		assertThat(last.get("items").get(0).get("title").stringValue()).isEqualTo("Quiz 0");
		assertThat(beyond.get("items")).isEmpty();
		assertThat(beyond.get("page").intValue()).isEqualTo(3);
	}

	@Test
	void refusesPageSizesOverTheCapAndBadPaging() {
		assertThat(fieldOf(this.api.get(this.host, "/api/quizzes?size=101"))).isEqualTo("size");
		assertThat(fieldOf(this.api.get(this.host, "/api/quizzes?size=0"))).isEqualTo("size");
		assertThat(fieldOf(this.api.get(this.host, "/api/quizzes?page=-1"))).isEqualTo("page");
		assertThat(fieldOf(this.api.get(this.host, "/api/quizzes?page=first"))).isEqualTo("page");
		assertThat(fieldOf(this.api.get(this.host, "/api/quizzes?q={q}", "a".repeat(201)))).isEqualTo("q");
		this.api.get(this.host, "/api/quizzes?size=100").expectStatus().isOk();
	}

	private String fieldOf(org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec response) {
		return Api.problem(response, 400, "validation").get("errors").get(0).get("field").stringValue();
	}

	/** A quiz tagged with this test's word, with the word in its description. */
	private String create(UUID owner, String title, boolean isPublic) {
		Map<String, Object> quiz = Quizzes.everyType(title);
		quiz.put("tags", List.of("test", this.word));
		quiz.put("description", "About " + this.word);
		quiz.put("visibility", isPublic ? "PUBLIC" : "PRIVATE");
		return this.api.create(owner, quiz).get("id").stringValue();
	}

	private JsonNode list(UUID host, String query, Object... variables) {
		return Api.json(this.api.get(host, "/api/quizzes?" + query, variables).expectStatus().isOk());
	}

	private static List<String> ids(JsonNode page) {
		return page.get("items").valueStream().map((item) -> item.get("id").stringValue()).toList();
	}

}
