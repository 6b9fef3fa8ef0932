package dev.vanguard.realtime.game;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.vanguard.contracts.AnswerText;
import dev.vanguard.contracts.events.AnswerAccepted;
import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.connection.Principal;
import dev.vanguard.realtime.protocol.ClientFrame;
import dev.vanguard.realtime.protocol.ErrorCode;
import dev.vanguard.realtime.protocol.ServerFrame;
import dev.vanguard.realtime.store.AnswerRecord;
import dev.vanguard.realtime.store.SessionStore;
import dev.vanguard.realtime.store.SubmittedAnswer;

import org.springframework.stereotype.Component;

/**
 * The answer path: checks the shape of an answer frame here, then lets the answer script
 * decide everything that depends on the session (open, in time, first answer, valid
 * choice, score) in one atomic step, and turns its verdict into the reply frame. An
 * accepted answer is streamed to session-service first ({@link AcceptedAnswers}): the
 * phone hears {@code answer_accepted} once the broker confirmed it.
 */
@Component
public class Answers {

	/** The longest typed answer accepted, in characters after trimming. */
	static final int MAX_TEXT_LENGTH = 100;

	/** More options than any question has (2–6) cannot be a valid choice. */
	static final int MAX_OPTIONS = 6;

	private final SessionStore store;

	private final RealtimeMetrics metrics;

	private final AcceptedAnswers accepted;

	Answers(SessionStore store, RealtimeMetrics metrics, AcceptedAnswers accepted) {
		this.store = store;
		this.metrics = metrics;
		this.accepted = accepted;
	}

	/** The reply to {@code answer}: an acceptance or an error frame. Never fails. */
	public Mono<ServerFrame> submit(Principal principal, ClientFrame.Answer answer, long seq) {
		if (principal.isHost()) {
			return refused(seq, ErrorCode.FORBIDDEN, "Only players answer", answer.questionIndex());
		}
		if (answer.questionIndex() == null || answer.questionIndex() < 0
				|| (answer.options() == null) == (answer.text() == null)) {
			return refused(seq, ErrorCode.MALFORMED,
					"An answer needs questionIndex and either options or text, not both", answer.questionIndex());
		}
		int index = answer.questionIndex();
		SubmittedAnswer submitted;
		if (answer.options() != null) {
			List<Integer> options = answer.options();
			if (options.isEmpty() || options.size() > MAX_OPTIONS || options.contains(null)
					|| new HashSet<>(options).size() != options.size()) {
				return refused(seq, ErrorCode.INVALID_CHOICE, "Choose distinct options of the question", index);
			}
			submitted = new SubmittedAnswer(principal.sessionId(), principal.id(), index, List.copyOf(options), null,
					null);
		}
		else {
			String text = answer.text().strip();
			if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
				return refused(seq, ErrorCode.INVALID_CHOICE, "Type between 1 and " + MAX_TEXT_LENGTH + " characters",
						index);
			}
			submitted = new SubmittedAnswer(principal.sessionId(), principal.id(), index, null, text,
					AnswerText.normalise(text));
		}
		return this.store.answer(submitted).flatMap((outcome) -> {
			if (outcome.ok()) {
				this.metrics.answerSubmitted("accepted");
				ServerFrame accepted = new ServerFrame.AnswerAccepted(outcome.seq(), index, submitted.options(),
						submitted.text(), outcome.responseMs());
				// told only once the broker has the answer too (or gave up confirming)
				return this.accepted.publish(accepted(submitted, outcome.answer())).thenReturn(accepted);
			}
			ErrorCode code = ErrorCode.valueOf(outcome.code());
			this.metrics.answerSubmitted(code.name().toLowerCase(Locale.ROOT));
			return Mono.just((ServerFrame) new ServerFrame.Error(outcome.seq(), code, message(code), index));
		})
			.onErrorResume(
					(ex) -> refused(seq, ErrorCode.UNAVAILABLE, "Could not record the answer; send it again", index));
	}

	private static AnswerAccepted accepted(SubmittedAnswer submitted, @Nullable AnswerRecord answer) {
		if (answer == null) {
			throw new IllegalStateException("The answer script accepted without returning the record it wrote");
		}
		return new AnswerAccepted(submitted.sessionId(), submitted.questionIndex(), submitted.playerId(),
				answer.options(), answer.text(), answer.correct(), answer.points(), answer.streak(),
				answer.responseMs(), answer.answeredAt());
	}

	private Mono<ServerFrame> refused(long seq, ErrorCode code, String message, Integer index) {
		this.metrics.answerSubmitted(code.name().toLowerCase(Locale.ROOT));
		return Mono.just(new ServerFrame.Error(seq, code, message, index));
	}

	static String message(ErrorCode code) {
		return switch (code) {
			case NOT_OPEN -> "No question is open";
			case WRONG_QUESTION -> "That is not the open question";
			case LATE -> "Time is up for this question";
			case ALREADY_ANSWERED -> "You already answered this question";
			case INVALID_CHOICE -> "That choice does not fit the question";
			case FORBIDDEN -> "You are not a player of this session";
			case MALFORMED -> "The frame is not a valid answer";
			case UNKNOWN_TYPE -> "Unknown frame type";
			case UNAVAILABLE -> "Could not record the answer; send it again";
		};
	}

}
