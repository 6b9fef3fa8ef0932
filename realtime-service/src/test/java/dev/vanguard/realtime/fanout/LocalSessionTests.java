package dev.vanguard.realtime.fanout;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.vanguard.realtime.protocol.ServerFrame;

import static org.assertj.core.api.Assertions.assertThat;

/** The session's status as this instance follows it from the frames passing through. */
class LocalSessionTests {

	private static final UUID SESSION = UUID.randomUUID();

	private final LocalSession session = new LocalSession(SESSION, CompletableFuture.completedFuture(null));

	@Test
	void followsTheOpenQuestionFromBroadcastsAndCatchUps() {
		this.session.track(catchup(3, "LOBBY", -1));
		this.session.track(new ServerFrame.Question(4, 0, 0, 0, 2, null, 0, 0));
		assertThat(this.session.openQuestion()).isZero();
		this.session.track(new ServerFrame.Reveal(5, 0, null, null, null, null, 0, 0, 10, null, null));
		assertThat(this.session.openQuestion()).isEqualTo(-1);
		this.session.track(catchup(6, "QUESTION", 1));
		assertThat(this.session.openQuestion()).isEqualTo(1);
	}

	@Test
	void aCatchUpReadBeforeTheLatestBroadcastDoesNotTakeTheStatusBack() {
		this.session.track(new ServerFrame.Question(6, 0, 0, 1, 2, null, 0, 0));
		// read while question 2 was being broadcast: it shows the reveal of question 1
		this.session.track(catchup(5, "REVEAL", 0));
		assertThat(this.session.openQuestion()).isEqualTo(1);
		// a rebuild at the same seq is taken
		this.session.track(catchup(6, "QUESTION", 1));
		assertThat(this.session.openQuestion()).isEqualTo(1);
	}

	private static ServerFrame.Catchup catchup(long seq, String status, int questionIndex) {
		return new ServerFrame.Catchup(seq, 0, SESSION, "HOST", null, status, "Quiz", null, 2, questionIndex, null,
				null, null, null, null, 10, null, null, null, null, null);
	}

}
