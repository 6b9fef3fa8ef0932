package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A state change of one game session, published by session-service on the
 * {@link RoutingKeys#EXCHANGE} topic exchange and consumed by realtime-service.
 *
 * <p>
 * {@code seq} numbers the events of one session 1, 2, 3, … with no gaps, so a consumer
 * applies them in order, drops a repeat ({@code seq} already applied) and waits for a
 * missing one ({@code seq} more than one ahead). {@code createdAt} is when
 * session-service made the change; the broadcast latency metric counts from it.
 *
 * <p>
 * The payload is the record as JSON; the record type is told by the routing key
 * ({@link RoutingKeys#eventType(String)}) and its version by the {@link #VERSION_HEADER}
 * message header. A change that old consumers cannot read gets a new version.
 */
public sealed interface SessionEvent
		permits SessionOpened, PlayerJoined, PlayerKicked, QuestionStarted, QuestionEnded, PodiumShown, SessionEnded {

	/** The version of the payloads in this package. */
	int VERSION = 1;

	/** The AMQP header that carries {@link #VERSION}. */
	String VERSION_HEADER = "vanguard-event-version";

	UUID sessionId();

	long seq();

	Instant createdAt();

	/** The routing key this event is published with. */
	default String routingKey() {
		return RoutingKeys.routingKey(this);
	}

}
