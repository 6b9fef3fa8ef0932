package dev.vanguard.realtime.events;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vanguard.contracts.events.RoutingKeys;
import dev.vanguard.realtime.RealtimeProperties;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Moves a broker from the classic event queue of earlier versions to the quorum queue.
 * RabbitMQ cannot turn a queue into another type, so the quorum queue has a new name; the
 * old one, left bound, would collect every event forever with nobody reading it. At
 * start-up (the quorum queue is declared by then) the old queue is unbound from the
 * exchange, the events still in it are sent into the quorum queue (keeping their routing
 * key, as events sent round the queue do), and it is deleted unless an instance of the
 * earlier version still consumes it; such an instance then hears no new events, which the
 * new instances apply. Repeats are harmless: the seq check drops them.
 */
@Component
public class LegacyQueueMigration implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(LegacyQueueMigration.class);

	private static final long CONFIRM_TIMEOUT_MS = 5_000;

	private final ConnectionFactory connectionFactory;

	private final RealtimeProperties.Amqp properties;

	LegacyQueueMigration(ConnectionFactory connectionFactory, RealtimeProperties properties) {
		this.connectionFactory = connectionFactory;
		this.properties = properties.amqp();
	}

	@Override
	public void run(ApplicationArguments args) {
		String legacy = this.properties.legacyQueue();
		if (legacy == null || legacy.isBlank() || legacy.equals(this.properties.queue())) {
			return;
		}
		try {
			migrate(legacy);
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			logger.warn("Could not migrate the old event queue {} (it is tried again at the next start): {}", legacy,
					ex.toString());
		}
	}

	/**
	 * Empties {@code legacy} into the quorum queue and deletes it; returns how many
	 * events moved, or -1 when there was no such queue.
	 */
	public int migrate(String legacy) throws IOException, TimeoutException {
		try (Connection connection = this.connectionFactory.createConnection()) {
			if (!exists(connection, legacy)) {
				return -1;
			}
			try (Channel channel = connection.createChannel(false)) {
				// Fails (and moves nothing) unless the quorum queue is there to take
				// them.
				channel.queueDeclarePassive(this.properties.queue());
				channel.queueUnbind(legacy, this.properties.exchange(), RoutingKeys.ALL);
				int moved = moveEvents(channel, legacy);
				AMQP.Queue.DeclareOk left = channel.queueDeclarePassive(legacy);
				if (left.getConsumerCount() > 0) {
					logger.warn("The old event queue {} is unbound and emptied ({} events moved to {}) but still "
							+ "consumed by {} instance(s) of an earlier version; it is deleted at the next start",
							legacy, moved, this.properties.queue(), left.getConsumerCount());
					return moved;
				}
				channel.queueDelete(legacy, true, true);
				logger.info("Moved {} events from the old classic queue {} to the quorum queue {} and deleted it",
						moved, legacy, this.properties.queue());
				return moved;
			}
		}
	}

	private int moveEvents(Channel channel, String legacy) throws IOException {
		channel.confirmSelect();
		int moved = 0;
		GetResponse response;
		while ((response = channel.basicGet(legacy, false)) != null) {
			Map<String, Object> headers = new HashMap<>();
			if (response.getProps().getHeaders() != null) {
				headers.putAll(response.getProps().getHeaders());
			}
			headers.putIfAbsent(SessionEventConsumer.ROUTING_KEY_HEADER, response.getEnvelope().getRoutingKey());
			AMQP.BasicProperties props = response.getProps().builder().headers(headers).deliveryMode(2).build();
			channel.basicPublish("", this.properties.queue(), true, props, response.getBody());
			try {
				channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while moving events", ex);
			}
			catch (TimeoutException ex) {
				throw new IOException("The broker did not confirm a moved event", ex);
			}
			channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
			moved++;
		}
		return moved;
	}

	/**
	 * A passive declare of a missing queue closes its channel, hence a channel of its
	 * own.
	 */
	private static boolean exists(Connection connection, String queue) throws IOException, TimeoutException {
		Channel channel = connection.createChannel(false);
		try {
			channel.queueDeclarePassive(queue);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
		finally {
			if (channel.isOpen()) {
				channel.close();
			}
		}
	}

}
