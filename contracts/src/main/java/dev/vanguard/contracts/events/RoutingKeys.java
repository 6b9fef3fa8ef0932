package dev.vanguard.contracts.events;

import java.util.UUID;

/**
 * The routing keys of {@link SessionEvent}s on the one durable topic exchange. Every key
 * carries the session id in the middle, so {@code *.{sessionId}.*} selects one session
 * and {@code #} everything.
 */
public final class RoutingKeys {

	/** The durable topic exchange every session event is published to. */
	public static final String EXCHANGE = "vanguard.events";

	/** Binds a queue to every session event. */
	public static final String ALL = "#";

	private RoutingKeys() {
	}

	/**
	 * The exchange of the express copies of {@code exchange}'s events: the same message,
	 * sent transient and unconfirmed right after the durable one, so that
	 * realtime-service can apply the event without waiting for the quorum queue's disk
	 * sync. The durable copy stays the guarantee; whichever arrives second is a duplicate
	 * by its seq (docs/adr/0009-express-copies-of-session-events.md).
	 */
	public static String expressExchange(String exchange) {
		return exchange + ".express";
	}

	/**
	 * Whether session-service sends an express copy of the event: every event but a join.
	 * A join storm's copies would double realtime-service's work per join for a name in
	 * the lobby shown some milliseconds sooner; the host's clicks are what players wait
	 * for.
	 */
	public static boolean expressed(SessionEvent event) {
		return !(event instanceof PlayerJoined);
	}

	public static String routingKey(SessionEvent event) {
		UUID id = event.sessionId();
		return switch (event) {
			case SessionOpened e -> "session." + id + ".lobby";
			case PlayerJoined e -> "player." + id + ".joined";
			case PlayerKicked e -> "player." + id + ".kicked";
			case QuestionStarted e -> "question." + id + ".start";
			case QuestionEnded e -> "question." + id + ".end";
			case PodiumShown e -> "session." + id + ".podium";
			case SessionEnded e -> "session." + id + ".ended";
		};
	}

	/** The record type of an event published with this routing key. */
	public static Class<? extends SessionEvent> eventType(String routingKey) {
		String[] parts = routingKey.split("\\.");
		if (parts.length != 3) {
			throw new IllegalArgumentException("Not a session event routing key: " + routingKey);
		}
		return switch (parts[0] + "." + parts[2]) {
			case "session.lobby" -> SessionOpened.class;
			case "player.joined" -> PlayerJoined.class;
			case "player.kicked" -> PlayerKicked.class;
			case "question.start" -> QuestionStarted.class;
			case "question.end" -> QuestionEnded.class;
			case "session.podium" -> PodiumShown.class;
			case "session.ended" -> SessionEnded.class;
			default -> throw new IllegalArgumentException("Not a session event routing key: " + routingKey);
		};
	}

}
