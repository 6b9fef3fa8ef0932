package dev.vanguard.session.game;

import java.time.Instant;
import java.util.UUID;

/**
 * A question the server clock watches: open until its deadline, or revealed since
 * {@code until} (for auto-advance).
 */
record OpenQuestion(UUID sessionId, int index, Instant until) {
}
