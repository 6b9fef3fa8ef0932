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
import dev.vanguard.session.player.Player;

/**
 * Copies a session's answers from Redis (where realtime-service records them) into
 * PostgreSQL: each question's when it closes, so what was revealed does not depend on
 * Redis any more, and at the end whatever is left, with the final standings. Each runs
 * inside the transaction that closes the question or ends the session.
 */
@Component
class ResultsRecorder {

	private static final Logger log = LoggerFactory.getLogger(ResultsRecorder.class);

	private static final String INSERT_ANSWER = "INSERT INTO player_answers (session_id, player_id, "
			+ "question_index, options, answer_text, correct, points, streak, response_ms, answered_at) "
			+ "VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

	private final StringRedisTemplate redis;

	private final JdbcTemplate jdbc;

	private final JsonMapper jsonMapper;

	ResultsRecorder(StringRedisTemplate redis, JdbcTemplate jdbc, JsonMapper jsonMapper) {
		this.redis = redis;
		this.jdbc = jdbc;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Keeps the answers to question {@code index} (closed for answers already); a copy
	 * made before is left as it is.
	 */
	void keepAnswers(UUID sessionId, int index) {
		List<Object[]> rows = new ArrayList<>();
		readAnswers(SessionKeys.of(sessionId), index).forEach((player, answer) -> {
			UUID playerId = playerId(player);
			if (playerId != null) {
				rows.add(answerRow(sessionId, playerId, index, answer));
			}
		});
		this.jdbc.batchUpdate(INSERT_ANSWER, rows);
	}

	/**
	 * Stores the final standings of {@code players}, from every answer kept, the last
	 * ones copied now. A total is realtime-service's score while Redis holds it (it has
	 * the streak bonuses of answers it may no longer hold), else the sum of the player's
	 * kept answers' points.
	 * @return whether Redis held the session's live state
	 */
	boolean record(UUID sessionId, int playedQuestions, List<Player> players) {
		SessionKeys keys = SessionKeys.of(sessionId);
		boolean live = Boolean.TRUE.equals(this.redis.hasKey(keys.state()));
		for (int index = 0; index < playedQuestions; index++) {
			keepAnswers(sessionId, index);
		}
		// answers of players kicked meanwhile are not part of the results
		this.jdbc.update("DELETE FROM player_answers WHERE session_id = ? AND player_id NOT IN "
				+ "(SELECT id FROM players WHERE session_id = ? AND kicked_at IS NULL)", sessionId, sessionId);
		Map<UUID, Tally> tallies = new HashMap<>();
		this.jdbc.query("SELECT player_id, sum(points) AS points, count(*) FILTER (WHERE correct) AS correct, "
				+ "count(*) AS answered FROM player_answers WHERE session_id = ? GROUP BY player_id", (row) -> {
					tallies.put(row.getObject("player_id", UUID.class),
							new Tally(row.getLong("points"), row.getInt("correct"), row.getInt("answered")));
				}, sessionId);
		Map<String, Double> scores = readScores(keys);
		List<Standing> standings = new ArrayList<>();
		for (Player player : players) {
			Tally tally = tallies.getOrDefault(player.getId(), Tally.NONE);
			Double score = scores.get(player.getId().toString());
			long total = (score != null) ? Math.round(score) : tally.points();
			standings.add(new Standing(player, total, tally.correct(), tally.answered()));
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
		return live;
	}

	/**
	 * Each player's total of the answers kept so far: their score up to the last reveal.
	 */
	Map<UUID, Long> keptPoints(UUID sessionId) {
		Map<UUID, Long> points = new HashMap<>();
		this.jdbc.query("SELECT player_id, sum(points) AS points FROM player_answers WHERE session_id = ? "
				+ "GROUP BY player_id", (row) -> {
					points.put(row.getObject("player_id", UUID.class), row.getLong("points"));
				}, sessionId);
		return points;
	}

	/** Each player's streak as of their kept answer to question {@code index}. */
	Map<UUID, Integer> keptStreaks(UUID sessionId, int index) {
		Map<UUID, Integer> streaks = new HashMap<>();
		this.jdbc.query("SELECT player_id, streak FROM player_answers WHERE session_id = ? AND question_index = ?",
				(row) -> {
					streaks.put(row.getObject("player_id", UUID.class), row.getInt("streak"));
				}, sessionId, index);
		return streaks;
	}

	private static UUID playerId(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
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

	private record Tally(long points, int correct, int answered) {

		static final Tally NONE = new Tally(0, 0, 0);

	}

}
