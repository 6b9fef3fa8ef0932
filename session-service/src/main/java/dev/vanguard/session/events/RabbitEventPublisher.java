package dev.vanguard.session.events;

import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import dev.vanguard.contracts.events.SessionEvent;

/**
 * Sends one event to the exchange and returns only once the broker confirmed it: a nack,
 * a timeout or a broken connection throws, so the outbox keeps the publication for
 * another try. Events are published {@code mandatory}: one that no queue is bound to take
 * (realtime-service's queue not declared yet, or deleted) comes back, is counted and
 * logged, and also stays in the outbox, rather than being confirmed into nowhere.
 */
@Component
class RabbitEventPublisher {

	private static final Logger log = LoggerFactory.getLogger(RabbitEventPublisher.class);

	private final RabbitTemplate rabbit;

	private final JsonMapper jsonMapper;

	private final EventProperties properties;

	private final Counter unroutable;

	RabbitEventPublisher(RabbitTemplate rabbit, JsonMapper jsonMapper, EventProperties properties,
			MeterRegistry registry) {
		this.rabbit = rabbit;
		this.jsonMapper = jsonMapper;
		this.properties = properties;
		this.unroutable = Counter.builder("events.unroutable")
			.description("Events the broker returned because no queue was bound to take them")
			.register(registry);
	}

	void publish(SessionEvent event) {
		String id = event.sessionId() + ":" + event.seq();
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
		this.rabbit.send(this.properties.exchange(), event.routingKey(), message, correlation);
		CorrelationData.Confirm confirm;
		try {
			confirm = correlation.getFuture().get(this.properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
					event.routingKey(), this.properties.exchange(), returned.getReplyCode(), returned.getReplyText());
			throw new EventNotConfirmedException(id, "returned unroutable: " + returned.getReplyText(), null);
		}
	}

	static class EventNotConfirmedException extends AmqpException {

		EventNotConfirmedException(String id, String why, Throwable cause) {
			super("Event " + id + " was not confirmed by the broker (" + why + ")", cause);
		}

	}

}
