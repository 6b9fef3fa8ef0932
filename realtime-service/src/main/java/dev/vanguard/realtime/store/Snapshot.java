package dev.vanguard.realtime.store;

import java.util.List;

import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.realtime.protocol.ServerFrame;

/**
 * One consistent read of a session for a catch-up frame (the catch-up script's result).
 * Fields that do not apply to the role or the status are null. {@code retry} is set (to
 * the current question's index) only when the script was called with the keys of another
 * question; {@link SessionStore} then reads it again.
 */
public record Snapshot(boolean found, long now, long seq, String status, String title, String pin, int questionCount,
		int questionIndex, long startedAt, long deadline, int playerCount, QuestionStarted.Question question,
		Integer answerCount, AnswerRecord answer, Revealed reveal, List<ServerFrame.RosterEntry> players,
		String nickname, Long score, Integer rank, Integer streak, List<ServerFrame.Standing> podium, Integer retry) {
}
