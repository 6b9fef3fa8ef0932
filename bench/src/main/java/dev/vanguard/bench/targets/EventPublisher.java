package dev.vanguard.bench.targets;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import dev.vanguard.contracts.events.RoutingKeys;
import dev.vanguard.contracts.events.SessionEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays session-service's part on the broker: publishes session events as session-service
 * does (the record as JSON, routing key from the contracts, the version header,
 * persistent, then the express copy, transient, for every event that has one), so
 * realtime-service cannot tell the bench from the real thing.
 */
final class EventPublisher implements AutoCloseable {

	private final JsonMapper json = JsonMapper.builder().build();

	private final Connection connection;

	private final Channel channel;

	private final String exchange;

	private final String expressExchange;

	EventPublisher(String exchange) throws IOException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(5672);
		factory.setUsername("guest");
		factory.setPassword("guest");
		try {
			this.connection = factory.newConnection("vanguard-bench");
		}
		catch (TimeoutException ex) {
			throw new IOException(ex);
		}
		this.channel = this.connection.createChannel();
		this.exchange = exchange;
		this.expressExchange = RoutingKeys.expressExchange(exchange);
		this.channel.exchangeDeclare(exchange, "topic", true);
		this.channel.exchangeDeclare(this.expressExchange, "topic", true);
	}

	/**
	 * Waits until {@code consumers} consumers listen on the queue: an instance opens its
	 * HTTP port before its listener has declared and bound the queue, and an event
	 * published before that would be routed nowhere.
	 */
	void awaitConsumers(String queue, int consumers, Duration timeout) throws IOException, InterruptedException {
		// The queue has a single active consumer, and the broker's declare-ok may count
		// only the active one (2026-11-28: rabbitmqctl listed 3 instances' consumers, 1
		// active and 2 waiting, while declare-ok said 1 for 10 minutes); one consumer
		// already means the queue is declared and bound, and only that one consumes.
		int awaited = Math.min(consumers, 1);
		long deadline = System.nanoTime() + timeout.toNanos();
		int seen = 0;
		while (System.nanoTime() < deadline) {
			// a passive declare of a missing queue closes its channel, so each try gets
			// its own
			try (Channel probe = this.connection.createChannel()) {
				seen = probe.queueDeclarePassive(queue).getConsumerCount();
				if (seen >= awaited) {
					return;
				}
			}
			catch (IOException | TimeoutException | ShutdownSignalException ex) {
				// not declared yet
			}
			Thread.sleep(100);
		}
		throw new IOException(
				"Queue " + queue + " has " + seen + " consumers after " + timeout + ", expected " + consumers);
	}

	/**
	 * Publishes one event.
	 * @return the nanoTime just before the publish
	 */
	long publish(SessionEvent event) throws IOException {
		byte[] body = this.json.writeValueAsBytes(event);
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
			.contentEncoding("UTF-8")
			.deliveryMode(2)
			.headers(Map.of(SessionEvent.VERSION_HEADER, SessionEvent.VERSION))
			.build();
		long publishedAt = System.nanoTime();
		this.channel.basicPublish(this.exchange, event.routingKey(), properties, body);
		if (RoutingKeys.expressed(event)) {
			this.channel.basicPublish(this.expressExchange, event.routingKey(),
					properties.builder().deliveryMode(1).build(), body);
		}
		return publishedAt;
	}

	/**
	 * Removes the run's exchanges (its queues expire by themselves), then disconnects.
	 */
	@Override
	public void close() {
		try {
			this.channel.exchangeDelete(this.exchange);
			this.channel.exchangeDelete(this.expressExchange);
			this.connection.close();
		}
		catch (IOException ex) {
			// the broker is gone; nothing to release
		}
	}

}
