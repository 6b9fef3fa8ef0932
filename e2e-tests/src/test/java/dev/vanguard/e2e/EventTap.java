package dev.vanguard.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import tools.jackson.databind.JsonNode;

/**
 * A queue of its own on the platform's events exchange, bound to every routing key: it
 * sees what session-service publishes, next to realtime-service's queue and without
 * taking anything from it. The queue is exclusive and auto-delete, so it goes away with
 * the connection.
 */
final class EventTap implements AutoCloseable {

	/** The durable topic exchange of docs/api/sessions.md. */
	static final String EXCHANGE = "vanguard.events";

	private static final String RABBIT_URI = setting("vanguard.e2e.rabbit-uri", "VANGUARD_E2E_RABBIT_URI",
			"amqp://guest:guest@127.0.0.1:5672");

	private final Connection connection;

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private EventTap(Connection connection) {
		this.connection = connection;
	}

	static EventTap open() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(RABBIT_URI);
		Connection connection = factory.newConnection("vanguard-e2e-tests");
		EventTap tap = new EventTap(connection);
		try {
			tap.bind();
		}
		catch (IOException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
		return tap;
	}

	private void bind() throws IOException {
		Channel channel = this.connection.createChannel();
		try {
			channel.exchangeDeclarePassive(EXCHANGE);
		}
		catch (IOException missing) {
			// Nothing was published yet: declare it as session-service does (a failed
			// passive declare closes the channel).
			channel = this.connection.createChannel();
			channel.exchangeDeclare(EXCHANGE, "topic", true);
		}
		String queue = channel.queueDeclare("", false, true, true, null).getQueue();
		channel.queueBind(queue, EXCHANGE, "#");
		channel.basicConsume(queue, true, (tag, delivery) -> this.events.add(Event.of(delivery)), (tag) -> {
		});
	}

	/** The events of one session seen so far, in arrival order. */
	List<Event> of(UUID sessionId) {
		return this.events.stream().filter((event) -> event.sessionId().equals(sessionId.toString())).toList();
	}

	/** The events of one session by {@code seq}, one per seq (a repeat is dropped). */
	List<Event> ordered(UUID sessionId) {
		return of(sessionId).stream()
			.collect(java.util.stream.Collectors.toMap(Event::seq, (event) -> event, (first, repeat) -> first))
			.values()
			.stream()
			.sorted(Comparator.comparingLong(Event::seq))
			.toList();
	}

	@Override
	public void close() throws IOException, TimeoutException {
		this.connection.close();
	}

	private static String setting(String property, String environment, String fallback) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			value = System.getenv(environment);
		}
		return (value == null || value.isBlank()) ? fallback : value.strip();
	}

	/**
	 * One published event.
	 *
	 * @param routingKey e.g. {@code question.{sessionId}.start}
	 * @param body the JSON payload, a record of the contracts module
	 */
	record Event(String routingKey, JsonNode body, AMQP.BasicProperties properties) {

		static Event of(Delivery delivery) {
			String body = new String(delivery.getBody(), StandardCharsets.UTF_8);
			return new Event(delivery.getEnvelope().getRoutingKey(), Gateway.JSON.readTree(body),
					delivery.getProperties());
		}

		String sessionId() {
			String[] parts = this.routingKey.split("\\.");
			return (parts.length == 3) ? parts[1] : "";
		}

		/** The routing key without the session: {@code question.start}. */
		String kind() {
			String[] parts = this.routingKey.split("\\.");
			return parts[0] + "." + parts[parts.length - 1];
		}

		long seq() {
			return this.body.path("seq").asLong();
		}

		Map<String, Object> headers() {
			return (this.properties.getHeaders() != null) ? this.properties.getHeaders() : Map.of();
		}

	}

}
