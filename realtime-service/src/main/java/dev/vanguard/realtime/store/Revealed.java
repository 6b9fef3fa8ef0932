package dev.vanguard.realtime.store;

import java.util.List;

import dev.vanguard.contracts.QuestionType;
import dev.vanguard.realtime.protocol.ServerFrame;

/**
 * A closed question as the question-ended script computed it: published with the event
 * and kept for catch-ups. Data, not a frame: {@link #frame()} makes the {@code reveal}
 * frame of it, so the frame's shape lives in {@link ServerFrame.Reveal} only.
 *
 * @param seq the seq of the event that closed the question
 */
public record Revealed(long seq, int questionIndex, QuestionType questionType, List<Integer> correctOptions,
		List<String> acceptedAnswers, List<Integer> distribution, int answerCount, int correctCount, int playerCount,
		List<ServerFrame.Standing> top, String reason) {

	public ServerFrame.Reveal frame() {
		return new ServerFrame.Reveal(this.seq, this.questionIndex, this.questionType, this.correctOptions,
				this.acceptedAnswers, this.distribution, this.answerCount, this.correctCount, this.playerCount,
				this.top, this.reason);
	}

}
