package dev.vanguard.session.game;

import java.time.Instant;
import java.util.UUID;

/**
 * A question the server clock watches: open until its deadline, or revealed since
 * {@code until} (for auto-advance).
 */
record OpenQuestion(UUID sessionId, int index, Instant until) {

	Key key() {
		return new Key(this.sessionId, this.index);
	}

	/** One question of one session, whatever its deadline. */
	record Key(UUID sessionId, int index) {
	}

}
