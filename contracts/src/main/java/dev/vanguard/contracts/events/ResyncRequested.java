package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * realtime-service asks session-service, the owner of the game's state machine, to write
 * a session's live state into Redis again, because events of the session have waited too
 * long to be applied: Redis does not hold their predecessor (it restarted empty, the
 * session's keys expired, an applied event was lost in a failover), or Redis keeps
 * refusing them.
 *
 * <p>
 * Not a {@link SessionEvent}: it has no seq and travels the other way, as JSON through
 * the default exchange to the durable quorum queue {@link #QUEUE} (both services declare
 * it with {@code x-queue-type: quorum} and no other argument). It is sent at least once
 * and repeated while the session stays stuck, so its handling must be idempotent. Once
 * the state in Redis carries a seq at or above {@code waitingSeq}, the waiting events are
 * duplicates and are acknowledged; events that waited longer than realtime-service's
 * bound go to its dead-letter queue either way (docs/architecture.md, "Events that cannot
 * be applied").
 *
 * @param sessionId the session
 * @param appliedSeq the seq of the session's state in Redis when asked: 0 when Redis
 * holds no state of the session, -1 when Redis could not be read
 * @param waitingSeq the lowest seq realtime-service could not apply
 * @param reason why it could not
 * @param requestedAt when realtime-service asked
 */
public record ResyncRequested(UUID sessionId, long appliedSeq, long waitingSeq, Reason reason, Instant requestedAt) {

	/** The queue the requests go to, through the default exchange. */
	public static final String QUEUE = "vanguard.session.resync-requests";

	public enum Reason {

		/** An earlier event is missing from Redis and did not arrive in time. */
		GAP,

		/**
		 * Redis kept failing to apply the event (an error in its script, or Redis down).
		 */
		FAILED

	}

}
