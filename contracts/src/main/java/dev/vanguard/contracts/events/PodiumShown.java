package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** The last question is over: everyone sees the podium and their final rank. */
public record PodiumShown(UUID sessionId, long seq, Instant createdAt) implements SessionEvent {
}
