package dev.vanguard.realtime.store;

import java.util.List;

import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.realtime.protocol.ServerFrame;

/**
 * One consistent read of a session for a catch-up frame (the catch-up script's result).
 * Fields that do not apply to the role or the status are null.
 */
public record Snapshot(boolean found, long now, long seq, String status, String title, String pin, int questionCount,
		int questionIndex, long startedAt, long deadline, int playerCount, QuestionStarted.Question question,
		Integer answerCount, AnswerRecord answer, ServerFrame.Reveal reveal, List<ServerFrame.RosterEntry> players,
		String nickname, Long score, Integer rank, Integer streak, List<ServerFrame.Standing> podium) {
}
