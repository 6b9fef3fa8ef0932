package dev.vanguard.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.vanguard.contracts.QuestionType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoutingKeysTests {

	private static final UUID SESSION = UUID.fromString("11111111-2222-3333-4444-555555555555");

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	@Test
	void everyEventTypeRoundTripsThroughItsRoutingKey() {
		UUID player = UUID.randomUUID();
		List<SessionEvent> events = List.of(new SessionOpened(SESSION, 1, NOW, UUID.randomUUID(), "123456", "Quiz", 3),
				new PlayerJoined(SESSION, 2, NOW, player, "ada", 1),
				new PlayerKicked(SESSION, 3, NOW, player, "ada", 0),
				new QuestionStarted(SESSION, 4, NOW, 0, 3,
						new QuestionStarted.Question(QuestionType.TRUE_FALSE, "Sky is blue?", null, 20, 1000,
								List.of("True", "False"), List.of(0), List.of()),
						NOW, NOW.plusSeconds(20)),
				new QuestionEnded(SESSION, 5, NOW, 0, QuestionEnded.Reason.DEADLINE), new PodiumShown(SESSION, 6, NOW),
				new SessionEnded(SESSION, 7, NOW));
		assertThat(SessionEvent.class.getPermittedSubclasses()).hasSameSizeAs(events);
		for (SessionEvent event : events) {
			assertThat(event.routingKey()).contains("." + SESSION + ".");
			assertThat(RoutingKeys.eventType(event.routingKey())).isEqualTo(event.getClass());
		}
	}

	@Test
	void questionKeysFollowTheDesign() {
		var started = new QuestionEnded(SESSION, 5, NOW, 0, QuestionEnded.Reason.HOST);
		assertThat(started.routingKey()).isEqualTo("question." + SESSION + ".end");
		assertThat(new SessionOpened(SESSION, 1, NOW, UUID.randomUUID(), "123456", "Quiz", 3).routingKey())
			.isEqualTo("session." + SESSION + ".lobby");
	}

	@Test
	void rejectsRoutingKeysThatAreNotSessionEvents() {
		assertThatIllegalArgumentException().isThrownBy(() -> RoutingKeys.eventType("question.start"));
		assertThatIllegalArgumentException().isThrownBy(() -> RoutingKeys.eventType("quiz." + SESSION + ".start"));
	}

}
