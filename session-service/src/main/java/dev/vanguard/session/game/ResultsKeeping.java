package dev.vanguard.session.game;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vanguard.session.player.Player;

/**
 * What the game needs of the answers and results kept in PostgreSQL: a closed question's
 * answers copied from Redis, the final standings at the end, and the kept answers read
 * back when a session's live state is rebuilt. The results feature keeps them (it reads
 * the game's sessions too), so the game names what it needs here rather than depending on
 * it.
 */
public interface ResultsKeeping {

	/**
	 * Keeps the answers to question {@code index} (closed for answers already); a copy
	 * made before is left as it is.
	 */
	void keepAnswers(UUID sessionId, int index);

	/**
	 * Stores the final standings of {@code players}, from every answer kept, the last
	 * ones copied now.
	 * @return whether Redis held the session's live state
	 */
	boolean record(UUID sessionId, int playedQuestions, List<Player> players);

	/**
	 * The answers kept of question {@code index}, as the answer records realtime-service
	 * writes in Redis, by player id.
	 */
	Map<String, String> keptAnswers(UUID sessionId, int index);

	/**
	 * Each player's total of the answers kept to questions up to {@code lastRevealed}:
	 * their score as of the last reveal.
	 */
	Map<UUID, Long> keptPoints(UUID sessionId, int lastRevealed);

	/** Each player's streak as of their kept answer to question {@code index}. */
	Map<UUID, Integer> keptStreaks(UUID sessionId, int index);

}
