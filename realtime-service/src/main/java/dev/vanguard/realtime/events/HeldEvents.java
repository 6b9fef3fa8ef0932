package dev.vanguard.realtime.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import dev.vanguard.contracts.events.SessionEvent;

import org.springframework.amqp.core.Message;

/**
 * Events that overtook their predecessor, held unacknowledged until it has been applied.
 *
 * <p>
 * session-service publishes a session's events from several threads, so two that were
 * committed one after the other can reach the queue swapped. The missing event is then
 * usually a few deliveries behind; holding the early one (instead of pausing the one
 * consumer and requeueing it) lets the consumer take the next delivery at once, and no
 * other session waits. A held event is still unacknowledged, so a consumer that dies
 * holding it gets it redelivered. An event whose predecessor never comes waits only so
 * long (see {@link SessionEventConsumer}): each remembers since when it has been held.
 * Only the listener's thread touches this class.
 */
final class HeldEvents {

	/**
	 * A held event, the message it came in (to send it round the queue again), the
	 * delivery tag that acknowledges it on the channel it came on, and since when it has
	 * been waiting (epoch ms, kept across trips round the queue).
	 */
	record Held(SessionEvent event, Message message, long deliveryTag, long heldSince) {
	}

	private final Map<UUID, NavigableMap<Long, Held>> bySession = new HashMap<>();

	private int size;

	/**
	 * Holds an event; returns the delivery of the same event held before (published
	 * twice), which the caller acknowledges as the repeat it is, or null.
	 */
	Held hold(Held held) {
		SessionEvent event = held.event();
		Held previous = this.bySession.computeIfAbsent(event.sessionId(), (id) -> new TreeMap<>())
			.put(event.seq(), held);
		if (previous == null) {
			this.size++;
		}
		return previous;
	}

	/** The lowest-seq event held for {@code sessionId}, or null. */
	Held next(UUID sessionId) {
		NavigableMap<Long, Held> held = this.bySession.get(sessionId);
		return (held != null) ? held.firstEntry().getValue() : null;
	}

	void release(Held held) {
		UUID sessionId = held.event().sessionId();
		NavigableMap<Long, Held> events = this.bySession.get(sessionId);
		if (events != null && events.remove(held.event().seq(), held)) {
			this.size--;
			if (events.isEmpty()) {
				this.bySession.remove(sessionId);
			}
		}
	}

	/** The sessions with held events. */
	List<UUID> sessions() {
		return List.copyOf(this.bySession.keySet());
	}

	/** The events held for {@code sessionId}, lowest seq first. */
	List<Held> of(UUID sessionId) {
		NavigableMap<Long, Held> held = this.bySession.get(sessionId);
		return (held != null) ? List.copyOf(held.values()) : List.of();
	}

	int size() {
		return this.size;
	}

	/**
	 * Every held event, to give back to the queue or forget with the channel they came
	 * on.
	 */
	Iterable<Held> all() {
		return this.bySession.values().stream().flatMap((events) -> events.values().stream()).toList();
	}

	void clear() {
		this.bySession.clear();
		this.size = 0;
	}

}
