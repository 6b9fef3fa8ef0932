package dev.vanguard.session.game;

import java.util.List;
import java.util.UUID;

import dev.vanguard.contracts.events.QuestionStarted;

/**
 * The quiz as this session plays it, frozen when the session opened: later edits or a
 * delete of the quiz change nothing here. Options are in the played order (shuffled when
 * the host asked for it), so option indexes everywhere refer to that order.
 */
record QuizSnapshot(UUID quizId, long quizVersion, String title, List<QuestionStarted.Question> questions) {

	QuizSnapshot {
		questions = List.copyOf(questions);
	}

}
