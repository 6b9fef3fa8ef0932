package dev.vanguard.session.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.vanguard.contracts.QuestionType;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.session.game.HostedSession;
import dev.vanguard.session.game.HostedSessions;
import dev.vanguard.session.game.SessionStatus;
import dev.vanguard.session.game.SessionStateException;

/** Reads the stored results of an ended session, for its host. */
@Service
@Transactional(readOnly = true)
class ResultsService {

	private static final TypeReference<List<Integer>> INDEXES = new TypeReference<>() {
	};

	private final HostedSessions sessions;

	private final JdbcTemplate jdbc;

	private final JsonMapper jsonMapper;

	ResultsService(HostedSessions sessions, JdbcTemplate jdbc, JsonMapper jsonMapper) {
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.jsonMapper = jsonMapper;
	}

	Results results(UUID sessionId, UUID hostId) {
		HostedSession session = this.sessions.find(sessionId, hostId);
		if (session.status() != SessionStatus.ENDED) {
			throw SessionStateException
				.invalid("Results are kept when the session ends; it is in " + session.status() + ". End it first.");
		}
		List<Standing> standings = this.jdbc.query(
				"SELECT player_id, nickname, rank, total_score, correct_count, answered_count FROM session_results "
						+ "WHERE session_id = ? ORDER BY rank, nickname",
				(row, i) -> new Standing(row.getInt("rank"), row.getObject("player_id", UUID.class),
						row.getString("nickname"), row.getLong("total_score"), row.getInt("correct_count"),
						row.getInt("answered_count")),
				sessionId);
		List<Answer> answers = this.jdbc.query(
				"SELECT player_id, question_index, options::text AS options, answer_text, correct, points, "
						+ "response_ms FROM player_answers WHERE session_id = ?",
				(row, i) -> new Answer(row.getObject("player_id", UUID.class), row.getInt("question_index"),
						indexes(row.getString("options")), row.getString("answer_text"), row.getBoolean("correct"),
						row.getInt("points"), row.getLong("response_ms")),
				sessionId);
		List<QuestionStats> questions = new ArrayList<>();
		for (int index = 0; index < session.playedQuestions(); index++) {
			questions.add(stats(index, session.questions().get(index), answers));
		}
		return new Results(session.id(), session.quizTitle(), session.createdAt(), session.endedAt(),
				session.liveStateLost(), standings, questions, answers);
	}

	private static QuestionStats stats(int index, QuestionStarted.Question question, List<Answer> all) {
		List<Answer> answers = all.stream().filter((answer) -> answer.questionIndex() == index).toList();
		int[] distribution = new int[question.options().size()];
		for (Answer answer : answers) {
			for (int option : answer.options()) {
				if (option >= 0 && option < distribution.length) {
					distribution[option]++;
				}
			}
		}
		long correct = answers.stream().filter(Answer::correct).count();
		Long averageResponseMs = answers.isEmpty() ? null
				: Math.round(answers.stream().mapToLong(Answer::responseMs).average().orElse(0));
		return new QuestionStats(index, question.type(), question.text(), question.options(), question.correctOptions(),
				question.acceptedAnswers(), answers.size(), correct, averageResponseMs,
				Arrays.stream(distribution).boxed().toList());
	}

	private List<Integer> indexes(String json) {
		return (json != null) ? this.jsonMapper.readValue(json, INDEXES) : List.of();
	}

	/**
	 * What a player answered, as one would read it: the chosen options' texts, or the
	 * typed text.
	 */
	static String answerText(QuestionStats question, Answer answer) {
		if (question.type() == QuestionType.TYPE_ANSWER || answer.options().isEmpty()) {
			return (answer.text() != null) ? answer.text() : "";
		}
		List<String> chosen = new ArrayList<>();
		for (int option : answer.options()) {
			chosen.add((option >= 0 && option < question.options().size()) ? question.options().get(option)
					: "#" + option);
		}
		return String.join(" | ", chosen);
	}

	/** Answers by player and question index. */
	static Map<UUID, Map<Integer, Answer>> byPlayer(List<Answer> answers) {
		Map<UUID, Map<Integer, Answer>> result = new HashMap<>();
		for (Answer answer : answers) {
			result.computeIfAbsent(answer.playerId(), (id) -> new HashMap<>()).put(answer.questionIndex(), answer);
		}
		return result;
	}

	/**
	 * @param liveStateLost the game's live state in Redis was lost while it ran: the
	 * results hold the answers kept at each reveal, and scores from them; answers to the
	 * question open at the loss may be missing
	 * @param questions per-question statistics of the questions that were played
	 * @param answers every stored answer (not serialised: the CSV uses them)
	 */
	record Results(UUID sessionId, String quizTitle, Instant createdAt, Instant endedAt, boolean liveStateLost,
			List<Standing> standings, List<QuestionStats> questions, @JsonIgnore List<Answer> answers) {
	}

	record Standing(int rank, UUID playerId, String nickname, long totalScore, int correctCount, int answeredCount) {
	}

	/**
	 * @param distribution how many players chose each option (played order)
	 * @param averageResponseMs over the answers given, {@code null} when nobody answered
	 */
	record QuestionStats(int index, QuestionType type, String text, List<String> options, List<Integer> correctOptions,
			List<String> acceptedAnswers, int answered, long correct, Long averageResponseMs,
			List<Integer> distribution) {
	}

	record Answer(UUID playerId, int questionIndex, List<Integer> options, String text, boolean correct, int points,
			long responseMs) {
	}

}
