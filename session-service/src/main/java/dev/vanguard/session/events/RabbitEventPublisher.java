package dev.vanguard.session.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.ShutdownSignalException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.stereotype.Component;

import dev.vanguard.contracts.events.RoutingKeys;
import dev.vanguard.contracts.events.SessionEvent;

/**
 * Sends events to the exchange and tells whether the broker confirmed them: a nack, a
 * timeout or a broken connection throws, so the outbox keeps the publication for another
 * try. Events are published {@code mandatory}: one that no queue is bound to take
 * (realtime-service's queue not declared yet, or deleted) comes back, is counted and
 * logged, and also stays in the outbox, rather than being confirmed into nowhere.
 *
 * <p>
 * At its commit an event a person waits to see also goes out as an express copy: the same
 * message, transient, unconfirmed and not mandatory, to
 * {@link RoutingKeys#expressExchange the express exchange}. realtime-service applies
 * whichever copy comes first; the express one skips the quorum queue's disk sync (1 ms
 * idle, 10 ms under load here), the durable one still carries every guarantee
 * (docs/adr/0009).
 */
@Component
class RabbitEventPublisher {

	private static final Logger log = LoggerFactory.getLogger(RabbitEventPublisher.class);

	private final RabbitTemplate rabbit;

	private final JsonMapper jsonMapper;

	private final EventProperties properties;

	private final Counter unroutable;

	private final Timer sentAtCommit;

	private final Timer sentByRelay;

	private final Timer confirmTime;

	private final Counter expressFailed;

	private final String expressExchange;

	private final MessagePropertiesConverter propertiesConverter = new DefaultMessagePropertiesConverter();

	/** Whether the template's connection to the broker is open (it keeps one). */
	private final AtomicBoolean connected = new AtomicBoolean();

	RabbitEventPublisher(RabbitTemplate rabbit, JsonMapper jsonMapper, EventProperties properties,
			MeterRegistry registry) {
		this.rabbit = rabbit;
		this.jsonMapper = jsonMapper;
		this.properties = properties;
		this.expressExchange = RoutingKeys.expressExchange(properties.exchange());
		this.expressFailed = Counter.builder("events.express.failed")
			.description("Express copies of events that could not be sent (the durable copy still goes)")
			.register(registry);
		this.unroutable = Counter.builder("events.unroutable")
			.description("Events the broker returned because no queue was bound to take them")
			.register(registry);
		this.sentAtCommit = sendDelay(registry, "commit");
		this.sentByRelay = sendDelay(registry, "relay");
		this.confirmTime = Timer.builder("events.publish.confirm")
			.description("From sending an event to the broker's confirm of it")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
		rabbit.getConnectionFactory().addConnectionListener(new ConnectionListener() {

			@Override
			public void onCreate(Connection connection) {
				RabbitEventPublisher.this.connected.set(true);
			}

			@Override
			public void onClose(Connection connection) {
				RabbitEventPublisher.this.connected.set(false);
			}

			@Override
			public void onShutDown(ShutdownSignalException signal) {
				RabbitEventPublisher.this.connected.set(false);
			}

		});
	}

	/**
	 * Whether a connection to the broker is open, so that a send returns at once instead
	 * of waiting to connect.
	 */
	boolean connected() {
		return this.connected.get();
	}

	private static Timer sendDelay(MeterRegistry registry, String sender) {
		return Timer.builder("events.publish.delay")
			.description("From an event's creation in its transaction to its sending to the broker: the rest of "
					+ "the transaction and the commit, by who sent it (commit: the committing thread; relay: the "
					+ "relay, when there was no send at the commit or it is sent again from the outbox)")
			.tag("sender", sender)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
	}

	/**
	 * Sends the event without waiting for the broker's confirm; at its commit, its
	 * express copy right after it ({@link RoutingKeys#expressed}).
	 * @param atCommit whether the committing thread sends it (else the relay, which sends
	 * no express copy: by then the durable one is as quick)
	 * @return the send, for {@link #awaitConfirm}
	 */
	Sent send(SessionEvent event, boolean atCommit) {
		String id = id(event);
		MessageProperties headers = new MessageProperties();
		headers.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		headers.setContentEncoding("UTF-8");
		headers.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		headers.setHeader(SessionEvent.VERSION_HEADER, SessionEvent.VERSION);
		headers.setMessageId(id);
		headers.setType(event.getClass().getSimpleName());
		headers.setTimestamp(Date.from(event.createdAt()));
		Message message = new Message(this.jsonMapper.writeValueAsBytes(event), headers);
		CorrelationData correlation = new CorrelationData(id);
		(atCommit ? this.sentAtCommit : this.sentByRelay).record(
				Math.max(0, Instant.now().toEpochMilli() - event.createdAt().toEpochMilli()), TimeUnit.MILLISECONDS);
		long sentAt = System.nanoTime();
		this.rabbit.send(this.properties.exchange(), event.routingKey(), message, correlation);
		if (atCommit && RoutingKeys.expressed(event)) {
			sendExpress(event, message);
		}
		return new Sent(event, correlation, sentAt);
	}

	/**
	 * Publishes the express copy straight on the template's channel: not mandatory (no
	 * queue bound means no realtime-service listening, and the durable copy is what
	 * counts then), transient, and without a confirm to wait for. A failure costs only
	 * the shortcut.
	 */
	private void sendExpress(SessionEvent event, Message message) {
		try {
			this.rabbit.execute((channel) -> {
				channel
					.basicPublish(
							this.expressExchange, event.routingKey(), false, this.propertiesConverter
								.fromMessageProperties(expressProperties(message), StandardCharsets.UTF_8.name()),
							message.getBody());
				return null;
			});
		}
		catch (AmqpException ex) {
			this.expressFailed.increment();
			log.debug("Express copy of event {} not sent", id(event), ex);
		}
	}

	private static MessageProperties expressProperties(Message message) {
		MessageProperties durable = message.getMessageProperties();
		MessageProperties express = new MessageProperties();
		express.setContentType(durable.getContentType());
		express.setContentEncoding(durable.getContentEncoding());
		express.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
		express.setHeader(SessionEvent.VERSION_HEADER, SessionEvent.VERSION);
		express.setMessageId(durable.getMessageId());
		express.setType(durable.getType());
		express.setTimestamp(durable.getTimestamp());
		return express;
	}

	/**
	 * Waits for the broker's confirm of a send; returns only once it confirmed that a
	 * queue took the event.
	 */
	void awaitConfirm(Sent sent) {
		String id = id(sent.event());
		CorrelationData correlation = sent.correlation();
		long timeout = this.properties.confirmTimeout().toNanos() - (System.nanoTime() - sent.sentAtNanos());
		CorrelationData.Confirm confirm;
		try {
			confirm = correlation.getFuture().get(Math.max(0, timeout), TimeUnit.NANOSECONDS);
			this.confirmTime.record(System.nanoTime() - sent.sentAtNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EventNotConfirmedException(id, "interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new EventNotConfirmedException(id, "no confirm within " + this.properties.confirmTimeout(), ex);
		}
		if (!confirm.ack()) {
			throw new EventNotConfirmedException(id, "nacked: " + confirm.reason(), null);
		}
		// The broker sends basic.return before the ack, and Spring AMQP records it on the
		// correlation before completing the confirm.
		ReturnedMessage returned = correlation.getReturned();
		if (returned != null) {
			this.unroutable.increment();
			log.error("Event {} ({}) was returned by the broker: no queue is bound to {} for it ({} {})", id,
					sent.event().routingKey(), this.properties.exchange(), returned.getReplyCode(),
					returned.getReplyText());
			throw new EventNotConfirmedException(id, "returned unroutable: " + returned.getReplyText(), null);
		}
	}

	/** Sends the event and returns once the broker confirmed it. */
	void publish(SessionEvent event) {
		awaitConfirm(send(event, false));
	}

	/** The event's message id: unique per event, the same on every send of it. */
	static String id(SessionEvent event) {
		return event.sessionId() + ":" + event.seq();
	}

	/** An event handed to the broker, its confirm still to come. */
	record Sent(SessionEvent event, CorrelationData correlation, long sentAtNanos) {
	}

	static class EventNotConfirmedException extends AmqpException {

		EventNotConfirmedException(String id, String why, Throwable cause) {
			super("Event " + id + " was not confirmed by the broker (" + why + ")", cause);
		}

	}

}
