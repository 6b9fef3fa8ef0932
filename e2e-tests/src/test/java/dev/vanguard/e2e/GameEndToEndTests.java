package dev.vanguard.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vanguard.e2e.Quizzes.Question;
import dev.vanguard.e2e.Quizzes.Quiz;
import dev.vanguard.e2e.Sessions.Player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5 through the gateway: a scripted host screen and three phones play a whole game
 * over {@code /ws}, with one phone reloading in the middle of a question, and the results
 * CSV holds exactly what they answered and scored.
 */
class GameEndToEndTests {

	/** Long limits cost nothing: a question closes as soon as every player answered. */
	private static final List<Question> QUESTIONS = List.of(
			Question.choice("SINGLE_CHOICE", "Which planet is called the red planet?", 30, "STANDARD",
					List.of("Venus", "Mars", "Jupiter", "Saturn"), 1),
			Question.choice("MULTIPLE_SELECT", "Which of these are prime numbers?", 30, "DOUBLE",
					List.of("2", "4", "5", "9"), 0, 2),
			Question.choice("TRUE_FALSE", "The Pacific is the largest ocean.", 30, "STANDARD", List.of("True", "False"),
					0),
			Question.typed("What is the capital of Iceland?", 30, "Reykjavík"), Question.choice("POLL",
					"Which season do you like best?", 30, "NONE", List.of("Spring", "Summer", "Autumn", "Winter")));

	private static final int ANN = 0;

	private static final int BEN = 1;

	private static final int CAT = 2;

	/** What each player answers to each question: options, or a typed text. */
	private static final List<List<Move>> SCRIPT = List.of(List.of(Move.of(1), Move.of(0), Move.of(1)),
			List.of(Move.of(0, 2), Move.of(0), Move.of(0, 1)), List.of(Move.of(0), Move.of(0), Move.of(1)),
			List.of(Move.typed("REYKJAVIK"), Move.typed("Reykjavík"), Move.typed("Oslo")),
			List.of(Move.of(0), Move.of(1), Move.of(1)));

	/** The question during which Ann's phone reloads, after she answered it. */
	private static final int RELOAD_QUESTION = 1;

	private final Host host = Host.register("game-host");

	private final List<Phone> phones = new ArrayList<>();

	private GameSocket screen;

	private UUID sessionId;

	@Test
	void hostAndPlayersPlayWholeGameOverWebSocketsWithReloadMidQuestion() {
		UUID quizId = UUID
			.fromString(Quizzes.create(this.host, Quiz.of("Whole game", QUESTIONS.toArray(Question[]::new)))
				.path("id")
				.asString());
		JsonNode session = Sessions.open(this.host, quizId);
		this.sessionId = Sessions.id(session);
		String pin = session.path("pin").asString();
		try {
			lobby(pin);
			Sessions.control(this.host, this.sessionId, "start");
			for (int index = 0; index < QUESTIONS.size(); index++) {
				play(index);
				String next = Sessions.control(this.host, this.sessionId, "next").path("status").asString();
				assertThat(next).isEqualTo((index + 1 < QUESTIONS.size()) ? "QUESTION" : "PODIUM");
			}
			podium();
			assertThat(Sessions.control(this.host, this.sessionId, "end").path("status").asString()).isEqualTo("ENDED");
			ended();
			assertResultsCsv();
		}
		finally {
			this.phones.forEach((phone) -> {
				if (phone.socket != null) {
					phone.socket.close();
				}
			});
			if (this.screen != null) {
				this.screen.close();
			}
			Sessions.endQuietly(this.host, this.sessionId);
		}
	}

	private static List<JsonNode> joined(GameSocket screen) {
		return screen.all("players_joined").stream().flatMap((frame) -> frame.path("players").valueStream()).toList();
	}

	private void lobby(String pin) {
		this.screen = GameSocket.host(this.host, this.sessionId);
		JsonNode hostView = this.screen.await("catchup");
		assertThat(hostView.path("role").asString()).isEqualTo("HOST");
		assertThat(hostView.path("status").asString()).isEqualTo("LOBBY");
		assertThat(hostView.path("pin").asString()).isEqualTo(pin);
		assertThat(hostView.path("questionCount").asInt()).isEqualTo(QUESTIONS.size());

		for (String name : List.of("Ann", "Ben", "Cat")) {
			this.phones.add(new Phone(Sessions.join(pin, Names.nickname(name))));
		}
		// The joins come gathered in players_joined frames (one per 100 ms at most), in
		// join
		// order; each frame's count is the one session-service took at its last join.
		await().atMost(GameSocket.WAIT).until(() -> joined(this.screen).size() >= this.phones.size());
		assertThat(joined(this.screen)).extracting((player) -> player.path("nickname").asString())
			.containsExactly(nicknames());
		assertThat(joined(this.screen)).extracting((player) -> player.path("playerId").asString())
			.containsExactlyElementsOf(this.phones.stream().map((phone) -> phone.player.id().toString()).toList());
		assertThat(this.screen.all("players_joined")).extracting((frame) -> frame.path("playerCount").asInt())
			.isSorted()
			.last()
			.isEqualTo(this.phones.size());

		for (Phone phone : this.phones) {
			phone.socket = GameSocket.player(phone.player);
			JsonNode view = phone.socket.await("catchup");
			assertThat(view.path("role").asString()).isEqualTo("PLAYER");
			assertThat(view.path("status").asString()).isEqualTo("LOBBY");
			assertThat(view.path("you").path("playerId").asString()).isEqualTo(phone.player.id().toString());
			assertThat(view.path("you").path("nickname").asString()).isEqualTo(phone.player.nickname());
			assertThat(view.path("questionCount").asInt()).isEqualTo(QUESTIONS.size());
		}

		// The host's screen reloads in the lobby: its roster shows every player online.
		this.screen.close();
		this.screen = GameSocket.host(this.host, this.sessionId);
		JsonNode roster = this.screen.await("catchup").path("players");
		assertThat(roster.valueStream())
			.extracting((entry) -> entry.path("nickname").asString(), (entry) -> entry.path("online").asBoolean())
			.containsExactlyInAnyOrder(
					this.phones.stream().map((phone) -> tuple(phone.player.nickname(), true)).toArray(Tuple[]::new));
	}

	private void play(int index) {
		Question question = QUESTIONS.get(index);
		assertQuestionShown(this.screen.await("question", index), question, index);
		for (Phone phone : this.phones) {
			assertQuestionShown(phone.socket.await("question", index), question, index);
		}
		List<Move> moves = SCRIPT.get(index);
		Phone ann = this.phones.get(ANN);
		if (index == 0) {
			answer(ann, index, moves.get(ANN));
			// A second answer is refused and changes nothing.
			ann.socket.send(moves.get(ANN).frame(index));
			JsonNode refused = ann.socket.await("error", index);
			assertThat(refused.path("code").asString()).isEqualTo("ALREADY_ANSWERED");
			answer(this.phones.get(BEN), index, moves.get(BEN));
			// Cat takes her time, so her points depend on how long she took.
			await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> true);
			answer(this.phones.get(CAT), index, moves.get(CAT));
		}
		else if (index == RELOAD_QUESTION) {
			answer(ann, index, moves.get(ANN));
			JsonNode count = this.screen.await("answer_count",
					(frame) -> frame.path("questionIndex").asInt() == index && frame.path("answerCount").asInt() == 1);
			assertThat(count.path("playerCount").asInt()).isEqualTo(this.phones.size());
			reload(ann, index);
			answer(this.phones.get(BEN), index, moves.get(BEN));
			answer(this.phones.get(CAT), index, moves.get(CAT));
		}
		else {
			for (int player = 0; player < this.phones.size(); player++) {
				answer(this.phones.get(player), index, moves.get(player));
			}
		}
		assertReveal(index, question);
	}

	/** Sends the move and checks the acknowledgement; scores it by the rules. */
	private void answer(Phone phone, int index, Move move) {
		Question question = QUESTIONS.get(index);
		phone.socket.send(move.frame(index));
		JsonNode accepted = phone.socket.await("answer_accepted", index);
		if (move.text() != null) {
			assertThat(accepted.path("text").asString()).isEqualTo(move.text());
		}
		else {
			assertThat(accepted.path("options").valueStream().map(JsonNode::asInt))
				.containsExactlyElementsOf(move.options());
		}
		long responseMs = accepted.path("responseMs").asLong(-1);
		assertThat(responseMs).isBetween(0L, question.timeLimitSeconds() * 1000L);
		Rules.Outcome outcome = Rules.score(question, move.options(), move.text(), responseMs, phone.streak);
		phone.record(index, accepted, outcome);
	}

	/**
	 * Ann's phone reloads: the socket closes, a new one opens with the same token, and
	 * its catch-up shows the open question, the time left and what she already answered.
	 */
	private void reload(Phone phone, int index) {
		phone.socket.close();
		phone.socket = GameSocket.player(phone.player);
		JsonNode view = phone.socket.await("catchup");
		assertThat(view.path("status").asString()).as(view.toString()).isEqualTo("QUESTION");
		assertThat(view.path("questionIndex").asInt()).isEqualTo(index);
		assertThat(view.path("question").path("text").asString()).isEqualTo(QUESTIONS.get(index).text());
		assertNoAnswersIn(view.path("question"));
		assertThat(view.path("timeLeftMs").asLong()).as(view.toString())
			.isPositive()
			.isLessThanOrEqualTo(QUESTIONS.get(index).timeLimitSeconds() * 1000L);
		JsonNode given = view.path("answer");
		JsonNode accepted = phone.accepted.get(index);
		assertThat(given.path("options").valueStream().map(JsonNode::asInt)).as(view.toString())
			.containsExactlyElementsOf(SCRIPT.get(index).get(ANN).options());
		assertThat(given.path("responseMs").asLong()).isEqualTo(accepted.path("responseMs").asLong());
		// Her standing is the one of the last reveal: a reload must not tell whether the
		// answer she just gave was right.
		JsonNode standing = view.path("standing");
		long before = phone.scoreBefore(index);
		assertThat(standing.path("score").asLong()).as(view.toString()).isEqualTo(before);
		assertThat(standing.path("rank").asInt()).as(view.toString())
			.isEqualTo(Rules.rank(before, scoresBefore(index)));
		assertThat(standing.path("streak").asInt()).as(view.toString())
			.isEqualTo(phone.outcomes.get(index - 1).streak());
		assertThat(given.has("correct")).isFalse();
	}

	private void assertReveal(int index, Question question) {
		List<Move> moves = SCRIPT.get(index);
		JsonNode reveal = this.screen.await("reveal", index);
		assertThat(reveal.path("reason").asString()).as(reveal.toString()).isEqualTo("ALL_ANSWERED");
		assertThat(reveal.path("questionType").asString()).isEqualTo(question.type());
		assertThat(reveal.path("correctOptions").valueStream().map(JsonNode::asInt))
			.containsExactlyElementsOf(Rules.correctOptions(question));
		assertThat(reveal.path("acceptedAnswers").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(question.acceptedAnswers().stream().map(Rules::normalise).toList());
		List<Integer> distribution = new ArrayList<>();
		for (int option = 0; option < question.options().size(); option++) {
			int chosen = option;
			distribution.add((int) moves.stream().filter((move) -> move.options().contains(chosen)).count());
		}
		assertThat(reveal.path("distribution").valueStream().map(JsonNode::asInt)).as(reveal.toString())
			.containsExactlyElementsOf(distribution);
		assertThat(reveal.path("answerCount").asInt()).isEqualTo(this.phones.size());
		assertThat(reveal.path("correctCount").asInt())
			.isEqualTo((int) this.phones.stream().filter((phone) -> phone.outcomes.get(index).correct()).count());
		assertThat(reveal.path("playerCount").asInt()).isEqualTo(this.phones.size());
		assertStandings(reveal.path("top"), this.phones.size());

		for (Phone phone : this.phones) {
			assertThat(phone.socket.await("reveal", index)).as("every screen gets the same reveal").isEqualTo(reveal);
			JsonNode result = phone.socket.await("result", index);
			Rules.Outcome outcome = phone.outcomes.get(index);
			assertThat(result.path("answered").asBoolean()).isTrue();
			assertThat(result.path("correct").asBoolean()).as("%s: %s", phone.player.nickname(), result)
				.isEqualTo(outcome.correct());
			assertThat(result.path("points").asInt())
				.as("%s's points: %s after %s", phone.player.nickname(), result, phone.accepted.get(index))
				.isEqualTo(outcome.points());
			assertThat(result.path("streak").asInt()).as(result.toString()).isEqualTo(outcome.streak());
			assertThat(result.path("score").asLong()).isEqualTo(phone.score);
			assertThat(result.path("rank").asInt()).isEqualTo(Rules.rank(phone.score, scores()));
			assertThat(result.path("playerCount").asInt()).isEqualTo(this.phones.size());
		}
	}

	private void podium() {
		JsonNode podium = this.screen.await("podium");
		assertStandings(podium.path("top"), 3);
		for (Phone phone : this.phones) {
			assertThat(phone.socket.await("podium")).isEqualTo(podium);
			JsonNode result = phone.socket.await("final_result");
			assertThat(result.path("score").asLong()).isEqualTo(phone.score);
			assertThat(result.path("rank").asInt()).isEqualTo(Rules.rank(phone.score, scores()));
			assertThat(result.path("playerCount").asInt()).isEqualTo(this.phones.size());
		}
	}

	private void ended() {
		JsonNode ended = this.screen.await("session_ended");
		assertStandings(ended.path("top"), 3);
		assertThat(this.screen.awaitClose()).as("session over").isEqualTo(4000);
		for (Phone phone : this.phones) {
			phone.socket.await("session_ended");
			assertThat(phone.socket.awaitClose()).as("session over").isEqualTo(4000);
		}
	}

	/** The standings' first {@code size} places: everyone's nickname, score and rank. */
	private void assertStandings(JsonNode top, int size) {
		List<Phone> expected = this.phones.stream()
			.sorted(Comparator.comparingLong((Phone phone) -> phone.score).reversed())
			.limit(size)
			.toList();
		assertThat(top.valueStream())
			.extracting((entry) -> entry.path("playerId").asString(), (entry) -> entry.path("nickname").asString(),
					(entry) -> entry.path("score").asLong(), (entry) -> entry.path("rank").asInt())
			.as(top.toString())
			.containsExactlyInAnyOrder(expected.stream()
				.map((phone) -> tuple(phone.player.id().toString(), phone.player.nickname(), phone.score,
						Rules.rank(phone.score, scores())))
				.toArray(Tuple[]::new));
		assertThat(top.valueStream().map((entry) -> entry.path("score").asLong()).toList())
			.isSortedAccordingTo(Comparator.reverseOrder());
	}

	private void assertResultsCsv() {
		Reply csv = Gateway.get("/api/sessions/" + this.sessionId + "/results.csv", this.host.accessToken())
			.expect(200);
		List<List<String>> rows = CsvReader.read(csv.body());
		int answerRows = this.phones.size() * QUESTIONS.size();
		assertThat(rows).as(csv.body()).hasSize(1 + answerRows + 1 + 1 + this.phones.size() + 1 + 2);
		List<List<String>> expectedAnswers = new ArrayList<>();
		List<List<String>> expectedSummary = new ArrayList<>();
		for (Phone phone : this.phones) {
			for (int index = 0; index < QUESTIONS.size(); index++) {
				Question question = QUESTIONS.get(index);
				Move move = SCRIPT.get(index).get(this.phones.indexOf(phone));
				String answer = (move.text() != null) ? phone.accepted.get(index).path("text").asString()
						: move.options()
							.stream()
							.map((option) -> question.options().get(option).text())
							.collect(Collectors.joining(" | "));
				expectedAnswers.add(List.of(phone.player.nickname(), String.valueOf(index + 1), question.text(), answer,
						String.valueOf(phone.outcomes.get(index).correct()),
						String.valueOf(phone.outcomes.get(index).points()),
						String.valueOf(phone.accepted.get(index).path("responseMs").asLong())));
			}
			long correct = phone.outcomes.values().stream().filter(Rules.Outcome::correct).count();
			expectedSummary.add(List.of(phone.player.nickname(), String.valueOf(Rules.rank(phone.score, scores())),
					String.valueOf(phone.score), String.valueOf(correct)));
		}
		assertThat(rows.subList(1, 1 + answerRows)).as(csv.body()).containsExactlyInAnyOrderElementsOf(expectedAnswers);
		assertThat(rows.get(1 + answerRows)).isEmpty();
		int summaryEnd = 3 + answerRows + this.phones.size();
		assertThat(rows.subList(3 + answerRows, summaryEnd)).as(csv.body())
			.containsExactlyInAnyOrderElementsOf(expectedSummary);
		assertThat(rows.subList(summaryEnd, rows.size())).as("nothing of the game was lost")
			.containsExactly(List.of(), List.of("live_state_lost"), List.of("false"));
	}

	private static void assertQuestionShown(JsonNode frame, Question question, int index) {
		assertThat(frame.path("questionIndex").asInt()).isEqualTo(index);
		assertThat(frame.path("questionCount").asInt()).isEqualTo(QUESTIONS.size());
		assertThat(frame.path("deadline").asLong() - frame.path("startedAt").asLong())
			.isEqualTo(question.timeLimitSeconds() * 1000L);
		JsonNode shown = frame.path("question");
		assertThat(shown.path("type").asString()).isEqualTo(question.type());
		assertThat(shown.path("text").asString()).isEqualTo(question.text());
		assertThat(shown.path("timeLimitSeconds").asInt()).isEqualTo(question.timeLimitSeconds());
		assertThat(shown.path("points").asInt()).isEqualTo(Rules.points(question));
		assertThat(shown.path("options").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(Rules.optionTexts(question));
		assertNoAnswersIn(shown);
	}

	/** The correct answers never reach a player before the reveal. */
	private static void assertNoAnswersIn(JsonNode question) {
		assertThat(question.has("correctOptions")).as(question.toString()).isFalse();
		assertThat(question.has("acceptedAnswers")).as(question.toString()).isFalse();
		assertThat(question.path("options").valueStream()).as(question.toString()).allMatch(JsonNode::isString);
	}

	private String[] nicknames() {
		return this.phones.stream().map((phone) -> phone.player.nickname()).toArray(String[]::new);
	}

	private List<Long> scores() {
		return this.phones.stream().map((phone) -> phone.score).toList();
	}

	private List<Long> scoresBefore(int index) {
		return this.phones.stream().map((phone) -> phone.scoreBefore(index)).toList();
	}

	/** One answer: chosen options, or a typed text. */
	private record Move(List<Integer> options, String text) {

		static Move of(Integer... options) {
			return new Move(List.of(options), null);
		}

		static Move typed(String text) {
			return new Move(List.of(), text);
		}

		Map<String, Object> frame(int questionIndex) {
			return (this.text != null) ? Map.of("type", "answer", "questionIndex", questionIndex, "text", this.text)
					: Map.of("type", "answer", "questionIndex", questionIndex, "options", this.options);
		}

	}

	/**
	 * A player's phone: its socket (replaced on reload) and what the rules say so far.
	 */
	private static final class Phone {

		private final Player player;

		private final Map<Integer, JsonNode> accepted = new HashMap<>();

		private final Map<Integer, Rules.Outcome> outcomes = new HashMap<>();

		private GameSocket socket;

		private int streak;

		private long score;

		Phone(Player player) {
			this.player = player;
		}

		void record(int index, JsonNode acceptance, Rules.Outcome outcome) {
			this.accepted.put(index, acceptance);
			this.outcomes.put(index, outcome);
			this.streak = outcome.streak();
			this.score += outcome.points();
		}

		long scoreBefore(int index) {
			return this.outcomes.entrySet()
				.stream()
				.filter((entry) -> entry.getKey() < index)
				.mapToLong((entry) -> entry.getValue().points())
				.sum();
		}

	}

}
