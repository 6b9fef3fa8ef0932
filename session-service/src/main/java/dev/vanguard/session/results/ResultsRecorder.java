package dev.vanguard.session.results;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.vanguard.contracts.events.AnswerAccepted;
import dev.vanguard.session.game.ResultsKeeping;
import dev.vanguard.session.live.SessionRoster;
import dev.vanguard.session.player.Player;

/**
 * Keeps a session's answers in PostgreSQL: each as realtime-service accepted it
 * (streamed, {@link AnswerAccepted}), and copied again from Redis (where realtime-service
 * records them) when its question closes and at the end, with the final standings; each
 * copy is idempotent, so the first one kept stays. The copies run inside the transaction
 * that closes the question or ends the session.
 */
@Component
class ResultsRecorder implements ResultsKeeping {

	private static final Logger log = LoggerFactory.getLogger(ResultsRecorder.class);

	private static final String INSERT_ANSWER = "INSERT INTO player_answers (session_id, player_id, "
			+ "question_index, options, answer_text, correct, points, streak, response_ms, answered_at) "
			+ "VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

	private static final String INSERT_ACCEPTED_ANSWER = "INSERT INTO player_answers (session_id, player_id, "
			+ "question_index, options, answer_text, correct, points, streak, response_ms, answered_at) "
			+ "SELECT ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ? "
			+ "WHERE EXISTS (SELECT 1 FROM players WHERE id = ? AND session_id = ? AND kicked_at IS NULL) "
			+ "AND EXISTS (SELECT 1 FROM game_sessions WHERE id = ? AND status <> 'ENDED' FOR SHARE) "
			+ "ON CONFLICT DO NOTHING";

	private final SessionRoster roster;

	private final JdbcTemplate jdbc;

	private final JsonMapper jsonMapper;

	ResultsRecorder(SessionRoster roster, JdbcTemplate jdbc, JsonMapper jsonMapper) {
		this.roster = roster;
		this.jdbc = jdbc;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Keeps the answers to question {@code index} (closed for answers already); a copy
	 * made before is left as it is.
	 */
	@Override
	public void keepAnswers(UUID sessionId, int index) {
		List<Object[]> rows = new ArrayList<>();
		readAnswers(sessionId, index).forEach((player, answer) -> {
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
	@Override
	public boolean record(UUID sessionId, int playedQuestions, List<Player> players) {
		boolean live = this.roster.hasLiveState(sessionId);
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
		Map<String, Double> scores = this.roster.scores(sessionId);
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
	 * Keeps answers as realtime-service accepted them ({@link AnswerAccepted}), each
	 * once: one already kept (streamed before, or copied at its question's close) is left
	 * as it is. An answer of a player no longer in the session (kicked), or of a session
	 * that has ended (its results are stored: an answer added now would be in none of its
	 * totals), is not kept. The session's row is read {@code FOR SHARE}, so an end in
	 * progress is waited for and then seen.
	 */
	void keepAccepted(List<AnswerAccepted> answers) {
		List<Object[]> rows = new ArrayList<>(answers.size());
		for (AnswerAccepted answer : answers) {
			Object[] row = answerRow(answer.sessionId(), answer.playerId(), answer.questionIndex(),
					new AnswerRecord(answer.options(), answer.text(), answer.correct(), answer.points(),
							answer.streak(), answer.responseMs(), answer.answeredAt()));
			Object[] withChecks = Arrays.copyOf(row, row.length + 3);
			withChecks[row.length] = answer.playerId();
			withChecks[row.length + 1] = answer.sessionId();
			withChecks[row.length + 2] = answer.sessionId();
			rows.add(withChecks);
		}
		this.jdbc.batchUpdate(INSERT_ACCEPTED_ANSWER, rows);
	}

	/**
	 * The answers kept of question {@code index}, as the answer records realtime-service
	 * writes in Redis, by player id.
	 */
	@Override
	public Map<String, String> keptAnswers(UUID sessionId, int index) {
		Map<String, String> answers = new HashMap<>();
		this.jdbc.query(
				"SELECT player_id, options::text AS options, answer_text, correct, points, streak, "
						+ "response_ms, answered_at FROM player_answers WHERE session_id = ? AND question_index = ?",
				(row) -> {
					String options = row.getString("options");
					Timestamp answeredAt = row.getTimestamp("answered_at");
					AnswerRecord answer = new AnswerRecord(
							(options != null) ? List.of(this.jsonMapper.readValue(options, Integer[].class)) : null,
							row.getString("answer_text"), row.getBoolean("correct"), row.getInt("points"),
							row.getInt("streak"), row.getLong("response_ms"),
							(answeredAt != null) ? answeredAt.getTime() : null);
					answers.put(row.getObject("player_id", UUID.class).toString(),
							this.jsonMapper.writeValueAsString(answer));
				}, sessionId, index);
		return answers;
	}

	/**
	 * Each player's total of the answers kept to questions up to {@code lastRevealed}:
	 * their score as of the last reveal.
	 */
	@Override
	public Map<UUID, Long> keptPoints(UUID sessionId, int lastRevealed) {
		Map<UUID, Long> points = new HashMap<>();
		this.jdbc.query("SELECT player_id, sum(points) AS points FROM player_answers WHERE session_id = ? "
				+ "AND question_index <= ? GROUP BY player_id", (row) -> {
					points.put(row.getObject("player_id", UUID.class), row.getLong("points"));
				}, sessionId, lastRevealed);
		return points;
	}

	/** Each player's streak as of their kept answer to question {@code index}. */
	@Override
	public Map<UUID, Integer> keptStreaks(UUID sessionId, int index) {
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

	private Map<String, AnswerRecord> readAnswers(UUID sessionId, int index) {
		Map<String, AnswerRecord> answers = new HashMap<>();
		this.roster.answerRecords(sessionId, index).forEach((player, json) -> {
			try {
				answers.put(player, this.jsonMapper.readValue(json, AnswerRecord.class));
			}
			catch (JacksonException ex) {
				log.warn("Skipping unreadable answer record of player {} to question {} in {}", player, index,
						sessionId);
			}
		});
		return answers;
	}

	private record Standing(Player player, long total, int correct, int answered) {
	}

	private record Tally(long points, int correct, int answered) {

		static final Tally NONE = new Tally(0, 0, 0);

	}

}
