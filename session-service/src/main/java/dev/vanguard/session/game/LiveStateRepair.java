package dev.vanguard.session.game;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Writing a live session's state back into Redis (the clock's rebuild, a resync request)
 * can fail for a while (Redis or the database away) or for good (a session whose state
 * cannot be built, a key Redis keeps refusing). A game must not hang on it: once the
 * write has failed for {@code rebuild-give-up-after} and still fails, the session is
 * ended ({@link LiveStateRebuild#endUnrebuildable}). A write that succeeds meanwhile
 * starts the count afresh, so an outage that ends in time ends no game. Failures are
 * counted per instance.
 */
@Component
class LiveStateRepair {

	private static final Logger log = LoggerFactory.getLogger(LiveStateRepair.class);

	private final LiveStateRebuild rebuild;

	private final GameProperties properties;

	private final Clock clock;

	/** Since when writing each session's state has failed without a success between. */
	private final Map<UUID, Instant> failingSince = new ConcurrentHashMap<>();

	LiveStateRepair(LiveStateRebuild rebuild, GameProperties properties, Clock clock) {
		this.rebuild = rebuild;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Runs {@code repair}; if it fails, and has failed long enough, ends the session.
	 * Rethrows the failure either way.
	 */
	<T> T attempt(UUID sessionId, Supplier<T> repair) {
		try {
			T result = repair.get();
			this.failingSince.remove(sessionId);
			return result;
		}
		catch (RuntimeException ex) {
			Instant now = this.clock.instant();
			Instant since = this.failingSince.computeIfAbsent(sessionId, (key) -> now);
			if (!now.isBefore(since.plus(this.properties.rebuildGiveUpAfter()))) {
				endGivenUp(sessionId, since);
			}
			throw ex;
		}
	}

	private void endGivenUp(UUID sessionId, Instant since) {
		try {
			if (this.rebuild.endUnrebuildable(sessionId)) {
				log.error("Session {} ended: its live state could not be written back into Redis since {}", sessionId,
						since);
			}
			this.failingSince.remove(sessionId);
		}
		catch (RuntimeException ex) {
			log.warn("Could not end session {}, whose live state cannot be written back ({}); trying again", sessionId,
					ex.toString());
		}
	}

}
