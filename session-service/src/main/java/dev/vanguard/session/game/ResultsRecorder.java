package dev.vanguard.session.game;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.QuestionStarted;

/**
 * Copies a session's answers and final scores from Redis (where realtime-service records
 * them) into PostgreSQL. Runs inside the transaction that ends the session, so the
 * results and the ENDED status are stored together or not at all.
 */
@Component
class ResultsRecorder {

	private static final Logger log = LoggerFactory.getLogger(ResultsRecorder.class);

	private final StringRedisTemplate redis;

	private final JdbcTemplate jdbc;

	private final JsonMapper jsonMapper;

	ResultsRecorder(StringRedisTemplate redis, JdbcTemplate jdbc, JsonMapper jsonMapper) {
		this.redis = redis;
		this.jdbc = jdbc;
		this.jsonMapper = jsonMapper;
	}

	void record(UUID sessionId, List<QuestionStarted.Question> questions, int playedQuestions, List<Player> players) {
		SessionKeys keys = SessionKeys.of(sessionId);
		List<Map<String, AnswerRecord>> answers = new ArrayList<>();
		for (int index = 0; index < playedQuestions; index++) {
			answers.add(readAnswers(keys, index));
		}
		Map<String, Double> scores = readScores(keys);
		List<Standing> standings = new ArrayList<>();
		List<Object[]> answerRows = new ArrayList<>();
		for (Player player : players) {
			String id = player.getId().toString();
			int correct = 0;
			int answered = 0;
			long points = 0;
			for (int index = 0; index < answers.size(); index++) {
				AnswerRecord answer = answers.get(index).get(id);
				if (answer == null) {
					continue;
				}
				answered++;
				correct += answer.correct() ? 1 : 0;
				points += answer.points();
				answerRows.add(answerRow(sessionId, player.getId(), index, answer));
			}
			Double score = scores.get(id);
			long total = (score != null) ? Math.round(score) : points;
			standings.add(new Standing(player, total, correct, answered));
		}
		standings.sort(Comparator.comparingLong(Standing::total)
			.reversed()
			.thenComparing((standing) -> standing.player().getJoinedAt()));
		List<Object[]> resultRows = new ArrayList<>();
		int rank = 0;
		long previousTotal = Long.MIN_VALUE;
		for (int i = 0; i < standings.size(); i++) {
			Standing standing = standings.get(i);
			// equal totals share a rank (1, 2, 2, 4)
			if (standing.total() != previousTotal) {
				rank = i + 1;
				previousTotal = standing.total();
			}
			resultRows.add(new Object[] { sessionId, standing.player().getId(), standing.player().getNickname(), rank,
					standing.total(), standing.correct(), standing.answered() });
		}
		this.jdbc.batchUpdate("INSERT INTO session_results (session_id, player_id, nickname, rank, total_score, "
				+ "correct_count, answered_count) VALUES (?, ?, ?, ?, ?, ?, ?)", resultRows);
		this.jdbc.batchUpdate("INSERT INTO player_answers (session_id, player_id, question_index, options, "
				+ "answer_text, correct, points, streak, response_ms, answered_at) "
				+ "VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)", answerRows);
	}

	private Object[] answerRow(UUID sessionId, UUID playerId, int index, AnswerRecord answer) {
		String options = (answer.options() != null) ? this.jsonMapper.writeValueAsString(answer.options()) : null;
		Timestamp answeredAt = (answer.answeredAt() != null) ? Timestamp.from(Instant.ofEpochMilli(answer.answeredAt()))
				: null;
		return new Object[] { sessionId, playerId, index, options, answer.text(), answer.correct(), answer.points(),
				answer.streak(), answer.responseMs(), answeredAt };
	}

	private Map<String, AnswerRecord> readAnswers(SessionKeys keys, int index) {
		Map<String, AnswerRecord> answers = new HashMap<>();
		this.redis.<String, String>opsForHash().entries(keys.answers(index)).forEach((player, json) -> {
			try {
				answers.put(player, this.jsonMapper.readValue(json, AnswerRecord.class));
			}
			catch (JacksonException ex) {
				log.warn("Skipping unreadable answer record of player {} to question {} in {}", player, index,
						keys.sessionId());
			}
		});
		return answers;
	}

	private Map<String, Double> readScores(SessionKeys keys) {
		Map<String, Double> scores = new HashMap<>();
		var entries = this.redis.opsForZSet().rangeWithScores(keys.scores(), 0, -1);
		if (entries != null) {
			for (ZSetOperations.TypedTuple<String> entry : entries) {
				if (entry.getValue() != null && entry.getScore() != null) {
					scores.put(entry.getValue(), entry.getScore());
				}
			}
		}
		return scores;
	}

	private record Standing(Player player, long total, int correct, int answered) {
	}

}
