package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A host opened a session: the lobby is open for players to join with the PIN. */
public record SessionOpened(UUID sessionId, long seq, Instant createdAt, UUID hostId, String pin, String quizTitle,
		int questionCount) implements SessionEvent {
}
