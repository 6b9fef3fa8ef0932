package dev.vanguard.bench.target;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.vanguard.contracts.events.SessionEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays session-service's part on the broker: publishes session events as session-service
 * does (the record as JSON, routing key from the contracts, the version header,
 * persistent), so realtime-service cannot tell the bench from the real thing.
 */
final class EventPublisher implements AutoCloseable {

	private final JsonMapper json = JsonMapper.builder().build();

	private final Connection connection;

	private final Channel channel;

	private final String exchange;

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
		this.channel.exchangeDeclare(exchange, "topic", true);
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
		return publishedAt;
	}

	/** Removes the run's exchange (its queue expires by itself), then disconnects. */
	@Override
	public void close() {
		try {
			this.channel.exchangeDelete(this.exchange);
			this.connection.close();
		}
		catch (IOException ex) {
			// the broker is gone; nothing to release
		}
	}

}
