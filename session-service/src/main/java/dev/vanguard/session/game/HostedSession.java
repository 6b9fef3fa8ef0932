package dev.vanguard.session.game;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.vanguard.contracts.events.QuestionStarted;

/**
 * A session as its host may see it, for the results views.
 *
 * @param playedQuestions how many questions were opened (the rest cannot have answers)
 * @param questions every question as played, options in the played order
 * @param liveStateLost its live state in Redis was lost while it ran
 */
public record HostedSession(UUID id, String pin, SessionStatus status, String quizTitle, Instant createdAt,
		Instant endedAt, int playedQuestions, List<QuestionStarted.Question> questions, boolean liveStateLost) {
}
