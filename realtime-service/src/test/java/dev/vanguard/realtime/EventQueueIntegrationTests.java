package dev.vanguard.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;

import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.realtime.events.LegacyQueueMigration;
import dev.vanguard.testsupport.Infrastructure;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The event queue on the real broker: a quorum queue, unreadable events dead-lettered
 * rather than dropped, and the classic queue of earlier versions emptied into it.
 */
class EventQueueIntegrationTests extends RealtimeIntegrationTests {

	private static final String DEAD_LETTERS = QUEUE + ".dead-letter";

	@Autowired
	LegacyQueueMigration migration;

	@Autowired
	@Qualifier("realtimeEventsQueue")
	Queue eventsQueue;

	@Autowired
	@Qualifier("realtimeDeadLetterQueue")
	Queue deadLetterQueue;

	@Test
	void consumesAQuorumQueueAndKeepsDeadLettersInAnother() {
		assertThat(this.eventsQueue.getName()).isEqualTo(QUEUE);
		assertThat(this.deadLetterQueue.getName()).isEqualTo(DEAD_LETTERS);
		assertThat(this.eventsQueue.getArguments()).containsEntry("x-dead-letter-exchange", "")
			.containsEntry("x-dead-letter-routing-key", DEAD_LETTERS)
			.containsEntry("x-single-active-consumer", true);
		for (Queue queue : new Queue[] { this.eventsQueue, this.deadLetterQueue }) {
			assertThat(queue.getArguments()).containsEntry("x-queue-type", "quorum");
			// The broker holds it with exactly these arguments: the same declaration is
			// accepted, and one that differs only in its type is refused.
			this.rabbit
				.execute((channel) -> channel.queueDeclare(queue.getName(), true, false, false, queue.getArguments()));
			Map<String, Object> classic = new HashMap<>(queue.getArguments());
			classic.put("x-queue-type", "classic");
			assertThatThrownBy(() -> this.rabbit
				.execute((channel) -> channel.queueDeclare(queue.getName(), true, false, false, classic)))
				.hasStackTraceContaining("inequivalent arg 'x-queue-type'");
		}
	}

	@Test
	void deadLettersAnEventThatCanNeverBeReadAndGoesOn() {
		Game game = game().open();
		UUID session = game.sessionId;
		String routingKey = "session." + session + ".lobby";
		this.rabbit.send(EXCHANGE, routingKey,
				new Message("{not json".getBytes(StandardCharsets.UTF_8), TestInstances.eventProperties()));

		GetResponse dead = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.rabbit.execute((channel) -> channel.basicGet(DEAD_LETTERS, true)),
					(response) -> response != null);
		assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
		assertThat(dead.getProps().getHeaders()).containsKey("x-death");
		assertThat(dead.getProps().getHeaders().get("x-death").toString()).contains("rejected").contains(routingKey);

		game.join("after");
		game.awaitApplied();
	}

	@Test
	void movesTheEventsLeftInTheClassicQueueOfEarlierVersions() throws Exception {
		String legacy = Infrastructure.uniqueName("realtime_events_legacy");
		String oldExchange = Infrastructure.uniqueName("realtime_events_old_x");
		Game game = game();
		SessionOpened opened = new SessionOpened(game.sessionId, ++game.seq, Instant.now(), game.hostId, "123456",
				"Capitals", game.questionCount);
		this.rabbit.execute((channel) -> {
			// As an earlier version left it: classic, durable, bound to every event; the
			// event reaches only this queue.
			channel.exchangeDeclare(oldExchange, "topic", false, true, null);
			channel.queueDeclare(legacy, true, false, false, Map.of("x-queue-type", "classic"));
			channel.queueBind(legacy, oldExchange, "#");
			channel.queueBind(legacy, EXCHANGE, "#");
			return null;
		});
		try {
			TestInstances.publish(this.rabbit, this.mapper, oldExchange, opened);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.rabbit.execute((channel) -> channel.messageCount(legacy)) == 1);

			assertThat(this.migration.migrate(legacy)).isEqualTo(1);

			game.awaitApplied();
			assertThat(this.rabbit.execute(LegacyQueueMissing.check(legacy))).isTrue();
			assertThat(this.migration.migrate(legacy)).as("nothing left to migrate").isEqualTo(-1);
		}
		finally {
			this.rabbit.execute((channel) -> {
				channel.queueDelete(legacy);
				channel.exchangeDelete(oldExchange);
				return null;
			});
		}
	}

	/**
	 * Whether a queue is gone: a passive declare of a missing queue closes the channel.
	 */
	private record LegacyQueueMissing(String queue) {

		static org.springframework.amqp.rabbit.core.ChannelCallback<Boolean> check(String queue) {
			return (Channel channel) -> {
				try {
					channel.queueDeclarePassive(queue);
					return false;
				}
				catch (java.io.IOException ex) {
					return true;
				}
			};
		}

	}

}
