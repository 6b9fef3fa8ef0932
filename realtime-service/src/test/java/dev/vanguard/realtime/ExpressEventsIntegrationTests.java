package dev.vanguard.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;

import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.RoutingKeys;
import dev.vanguard.contracts.events.SessionEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The express copies of session events (docs/adr/0009): one is applied when it is the
 * session's next event, dropped otherwise (and when unreadable), and the durable copy
 * changes nothing after it.
 */
class ExpressEventsIntegrationTests extends RealtimeIntegrationTests {

	@Autowired
	SimpleMessageListenerContainer sessionEventsContainer;

	@Autowired
	MeterRegistry meters;

	@Test
	void appliesAnExpressCopyAheadOfItsDurableTwinWhichThenChangesNothing() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient socket = player(game, ann);
		socket.await("catchup");
		Instant now = Instant.now();
		QuestionStarted started = new QuestionStarted(game.sessionId, ++game.seq, now, 0, game.questionCount,
				singleChoice(0), now, now.plusSeconds(20));

		double applied = expressCount("applied");

		// With the durable consumer stopped only the express copy can bring the question.
		this.sessionEventsContainer.stop();
		try {
			publishExpress(started);
			assertThat(socket.await("question").path("questionIndex").asInt()).isZero();
			assertThat(expressCount("applied")).isEqualTo(applied + 1);
		}
		finally {
			this.sessionEventsContainer.start();
		}
		double duplicates = count("session.events.processed", "duplicate");
		publish(started);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> count("session.events.processed", "duplicate") == duplicates + 1);

		game.end(0);
		socket.await("reveal");
		assertThat(socket.frames("question")).hasSize(1);
	}

	@Test
	void dropsAnExpressCopyThatIsNotTheSessionsNextEventAndTheDurableCopiesApplyItInOrder() {
		Game game = game().open();
		TestClient host = host(game);
		host.await("catchup");
		long applied = game.seq;
		PlayerJoined ann = seat(game, "Ann", applied + 1, 1);
		PlayerJoined bob = seat(game, "Bob", applied + 2, 2);
		double gaps = expressCount("gap");

		publishExpress(bob);
		await().atMost(Duration.ofSeconds(20)).until(() -> expressCount("gap") == gaps + 1);
		assertThat(this.redis.opsForHash().get(game.keys.state(), "seq")).isEqualTo(Long.toString(applied));

		publish(ann);
		publish(bob);
		game.seq = applied + 2;
		game.awaitApplied();
		assertThat(host.awaitJoined(2)).containsExactly("Ann", "Bob");
	}

	@Test
	void dropsAnUnreadableExpressCopyOrOneOfANewerVersionAndKeepsConsuming() {
		Game game = game().open();
		TestClient host = host(game);
		host.await("catchup");
		long applied = game.seq;
		PlayerJoined ann = seat(game, "Ann", applied + 1, 1);
		double rejected = expressCount("rejected");

		this.rabbit.send(RoutingKeys.expressExchange(EXCHANGE), ann.routingKey(),
				new Message("{not json".getBytes(StandardCharsets.UTF_8), TestInstances.eventProperties()));
		MessageProperties newer = TestInstances.eventProperties();
		newer.setHeader(SessionEvent.VERSION_HEADER, SessionEvent.VERSION + 1);
		this.rabbit.send(RoutingKeys.expressExchange(EXCHANGE), ann.routingKey(),
				new Message(this.mapper.writeValueAsBytes(ann), newer));
		await().atMost(Duration.ofSeconds(20)).until(() -> expressCount("rejected") == rejected + 2);
		assertThat(this.redis.opsForHash().get(game.keys.state(), "seq")).isEqualTo(Long.toString(applied));

		// the consumer goes on: the next readable copy is applied
		publishExpress(ann);
		game.seq = applied + 1;
		game.awaitApplied();
		assertThat(host.awaitJoined(1)).containsExactly("Ann");
	}

	private PlayerJoined seat(Game game, String nickname, long seq, int playerCount) {
		UUID playerId = UUID.randomUUID();
		this.redis.opsForHash().put(game.keys.players(), playerId.toString(), nickname);
		return new PlayerJoined(game.sessionId, seq, Instant.now(), playerId, nickname, playerCount);
	}

	private void publishExpress(SessionEvent event) {
		TestInstances.publish(this.rabbit, this.mapper, RoutingKeys.expressExchange(EXCHANGE), event);
	}

	private double expressCount(String outcome) {
		return count("session.events.express", outcome);
	}

	private double count(String name, String outcome) {
		return this.meters.get(name).tag("outcome", outcome).counter().count();
	}

}
