package dev.vanguard.session.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

import dev.vanguard.contracts.events.RoutingKeys;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.testsupport.Infrastructure;

import static org.awaitility.Awaitility.await;

/**
 * A consumer of the test's own exchange, as realtime-service would be: a queue bound with
 * {@code #}, every message parsed into its contract record by its routing key, and
 * another for the express copies ({@link RoutingKeys#expressExchange}), kept apart.
 * Connects straight to the broker, not through the test's proxy.
 */
public final class EventCollector implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Connection connection;

	private final Channel channel;

	private final String exchange;

	private final String queue;

	private final Map<UUID, List<Received>> bySession = new ConcurrentHashMap<>();

	private final Map<UUID, List<Received>> expressBySession = new ConcurrentHashMap<>();

	EventCollector(RabbitConnectionDetails broker, String exchange) {
		this.exchange = exchange;
		this.queue = Infrastructure.uniqueName("session_test_events");
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(broker.getFirstAddress().host());
		factory.setPort(broker.getFirstAddress().port());
		factory.setUsername(broker.getUsername());
		factory.setPassword(broker.getPassword());
		factory.setVirtualHost(broker.getVirtualHost());
		try {
			this.connection = factory.newConnection(this.queue);
			this.channel = this.connection.createChannel();
			this.channel.exchangeDeclare(exchange, "topic", true);
			this.channel.queueDeclare(this.queue, false, true, true, null);
			this.channel.queueBind(this.queue, exchange, RoutingKeys.ALL);
			this.channel.basicConsume(this.queue, true, collector(this.bySession));
			String expressExchange = RoutingKeys.expressExchange(exchange);
			this.channel.exchangeDeclare(expressExchange, "topic", true);
			String expressQueue = this.channel.queueDeclare().getQueue();
			this.channel.queueBind(expressQueue, expressExchange, RoutingKeys.ALL);
			this.channel.basicConsume(expressQueue, true, collector(this.expressBySession));
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Cannot consume from RabbitMQ", ex);
		}
	}

	private DefaultConsumer collector(Map<UUID, List<Received>> into) {
		return new DefaultConsumer(this.channel) {

			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] body) {
				SessionEvent event = JSON.readValue(body, RoutingKeys.eventType(envelope.getRoutingKey()));
				into.computeIfAbsent(event.sessionId(), (id) -> new CopyOnWriteArrayList<>())
					.add(new Received(event, envelope.getRoutingKey(), properties));
			}

		};
	}

	/** Every express copy received for the session, in arrival order. */
	public List<Received> express(UUID sessionId) {
		return List.copyOf(this.expressBySession.getOrDefault(sessionId, List.of()));
	}

	/** Every message received for the session, in arrival order (repeats included). */
	public List<Received> received(UUID sessionId) {
		return List.copyOf(this.bySession.getOrDefault(sessionId, List.of()));
	}

	/** The session's events by seq, each once. */
	public List<SessionEvent> events(UUID sessionId) {
		List<SessionEvent> events = new ArrayList<>();
		long last = 0;
		List<SessionEvent> sorted = received(sessionId).stream()
			.map(Received::event)
			.sorted(Comparator.comparingLong(SessionEvent::seq))
			.toList();
		for (SessionEvent event : sorted) {
			if (event.seq() != last) {
				events.add(event);
				last = event.seq();
			}
		}
		return events;
	}

	public <T extends SessionEvent> List<T> events(UUID sessionId, Class<T> type) {
		return events(sessionId).stream().filter(type::isInstance).map(type::cast).toList();
	}

	/**
	 * Waits until events 1..{@code seq} of the session all arrived and returns them by
	 * seq.
	 */
	public List<SessionEvent> awaitUpTo(UUID sessionId, long seq) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> events(sessionId).stream().map(SessionEvent::seq).toList(),
					(seqs) -> seqs.containsAll(LongStream.rangeClosed(1, seq).boxed().toList()));
		return events(sessionId).stream().filter((event) -> event.seq() <= seq).toList();
	}

	/**
	 * Unbinds this collector's queue, so the exchange has no queue for any event (until
	 * {@link #bind()}).
	 */
	public void unbind() throws IOException {
		this.channel.queueUnbind(this.queue, this.exchange, RoutingKeys.ALL);
	}

	public void bind() throws IOException {
		this.channel.queueBind(this.queue, this.exchange, RoutingKeys.ALL);
	}

	@Override
	public void close() throws IOException, TimeoutException {
		try {
			this.channel.queueDelete(this.queue);
			this.channel.exchangeDelete(this.exchange);
			this.channel.exchangeDelete(RoutingKeys.expressExchange(this.exchange));
		}
		finally {
			this.connection.close();
		}
	}

	public record Received(SessionEvent event, String routingKey, AMQP.BasicProperties properties) {
	}

}
