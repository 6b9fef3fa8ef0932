package dev.vanguard.realtime.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.ObjectMapper;

import dev.vanguard.contracts.events.RoutingKeys;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.RealtimeProperties;
import dev.vanguard.realtime.store.ApplyOutcome;
import dev.vanguard.realtime.store.SessionStore;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.stereotype.Component;

/**
 * Applies each session event to Redis and acknowledges it only once Redis has taken both
 * the state change and the PUBLISH (one script does both). A redelivered event that was
 * already applied is a duplicate by its seq and is acknowledged without effect; an event
 * that overtook its predecessor is held, unacknowledged, and applied right after the
 * missing one (see {@link HeldEvents}).
 */
@Component
class SessionEventConsumer implements ChannelAwareMessageListener {

	private static final Logger logger = LoggerFactory.getLogger(SessionEventConsumer.class);

	private final SessionStore store;

	private final ObjectMapper mapper;

	private final RealtimeMetrics metrics;

	private final RealtimeProperties.Amqp properties;

	/**
	 * The routing key of an event that was sent round the queue (see
	 * {@link #routingKey}).
	 */
	static final String ROUTING_KEY_HEADER = "vanguard-routing-key";

	private final HeldEvents held = new HeldEvents();

	private final MessagePropertiesConverter propertiesConverter = new DefaultMessagePropertiesConverter();

	/** The channel the held events' delivery tags belong to. */
	private Channel heldOn;

	SessionEventConsumer(SessionStore store, ObjectMapper mapper, RealtimeMetrics metrics,
			RealtimeProperties properties) {
		this.store = store;
		this.mapper = mapper;
		this.metrics = metrics;
		this.properties = properties.amqp();
	}

	@Override
	public void onMessage(Message message, Channel channel) throws IOException {
		if (channel != this.heldOn) {
			// A new channel (after a broker reconnect): the old one's unacknowledged
			// deliveries, held ones included, are redelivered by the broker.
			this.held.clear();
			this.heldOn = channel;
		}
		long tag = message.getMessageProperties().getDeliveryTag();
		SessionEvent event;
		try {
			event = decode(message);
		}
		catch (RuntimeException ex) {
			// Unreadable now means unreadable forever: requeueing would loop. Rejected,
			// it
			// goes to the dead-letter queue.
			logger.error("Dead-lettering an unreadable event ({}): {}", routingKey(message), ex.toString());
			this.metrics.eventProcessed("rejected");
			channel.basicReject(tag, false);
			return;
		}
		// Every log line about this event carries its session (a field of its own in JSON
		// logs).
		try (MDC.MDCCloseable _ = MDC.putCloseable("sessionId", event.sessionId().toString())) {
			ApplyOutcome outcome = apply(event, tag, channel);
			if (outcome == ApplyOutcome.GAP) {
				hold(event, message, tag, channel);
			}
			else if (outcome != null) {
				applyHeldSuccessors(event, channel);
			}
		}
	}

	/**
	 * Applies one event and acknowledges it unless it came too early; null when Redis
	 * failed and the event went back to the queue.
	 */
	private ApplyOutcome apply(SessionEvent event, long tag, Channel channel) throws IOException {
		ApplyOutcome outcome;
		try {
			outcome = this.store.apply(event).block(this.properties.redisTimeout());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not apply event {} #{} of session {}; it goes back to the queue: {}",
					event.getClass().getSimpleName(), event.seq(), event.sessionId(), ex.toString());
			outcome = null;
		}
		this.metrics.eventProcessed((outcome != null) ? outcome.name().toLowerCase(Locale.ROOT) : "failed");
		if (outcome == null) {
			pause();
			channel.basicNack(tag, false, true);
		}
		else if (outcome != ApplyOutcome.GAP) {
			channel.basicAck(tag, false);
		}
		return outcome;
	}

	private void hold(SessionEvent event, Message message, long tag, Channel channel) throws IOException {
		logger.debug("Event #{} of session {} arrived before its predecessor; holding it", event.seq(),
				event.sessionId());
		HeldEvents.Held repeat = this.held.hold(event, message, tag);
		if (repeat != null) {
			channel.basicAck(repeat.deliveryTag(), false);
		}
		if (this.held.size() >= heldLimit()) {
			sendHeldRoundTheQueue(channel);
		}
	}

	/**
	 * The deliveries in flight are nearly all held, so the missing events cannot come
	 * through: the held ones go to the back of the queue, behind the events they wait
	 * for. A requeue would not do: RabbitMQ puts a requeued message back at the front,
	 * where it would fill the window again. Each is published before its delivery is
	 * acknowledged, on the same channel, so the broker has the copy before it forgets the
	 * original.
	 */
	private void sendHeldRoundTheQueue(Channel channel) throws IOException {
		logger.warn("{} events wait for predecessors; sending them round the queue", this.held.size());
		pause();
		for (HeldEvents.Held early : this.held.all()) {
			MessageProperties properties = early.message().getMessageProperties();
			properties.setHeader(ROUTING_KEY_HEADER, routingKey(early.message()));
			// A received message has only a received delivery mode: say persistent again.
			properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
			channel.basicPublish("", this.properties.queue(),
					this.propertiesConverter.fromMessageProperties(properties, StandardCharsets.UTF_8.name()),
					early.message().getBody());
			channel.basicAck(early.deliveryTag(), false);
		}
		this.held.clear();
	}

	/** Applies the held events that the event just applied has made next in line. */
	private void applyHeldSuccessors(SessionEvent applied, Channel channel) throws IOException {
		HeldEvents.Held next = this.held.next(applied.sessionId());
		while (next != null && next.event().seq() <= applied.seq() + 1) {
			this.held.release(next);
			ApplyOutcome outcome = apply(next.event(), next.deliveryTag(), channel);
			if (outcome == ApplyOutcome.GAP) {
				// Cannot happen while seq <= applied + 1, unless Redis lost the state.
				hold(next.event(), next.message(), next.deliveryTag(), channel);
				return;
			}
			if (outcome == null) {
				return;
			}
			applied = next.event();
			next = this.held.next(applied.sessionId());
		}
	}

	/**
	 * The routing key the event was published with: an event sent round the queue came
	 * through the default exchange, so it carries the original in a header.
	 */
	private static String routingKey(Message message) {
		Object original = message.getMessageProperties().getHeaders().get(ROUTING_KEY_HEADER);
		return (original != null) ? original.toString() : message.getMessageProperties().getReceivedRoutingKey();
	}

	private int heldLimit() {
		return Math.max(1, this.properties.prefetch() - 1);
	}

	private SessionEvent decode(Message message) {
		Object version = message.getMessageProperties().getHeaders().get(SessionEvent.VERSION_HEADER);
		if (version != null && Integer.parseInt(version.toString()) > SessionEvent.VERSION) {
			throw new IllegalArgumentException("Event version " + version + " is newer than " + SessionEvent.VERSION);
		}
		Class<? extends SessionEvent> type = RoutingKeys.eventType(routingKey(message));
		return this.mapper.readValue(message.getBody(), type);
	}

	private void pause() {
		try {
			Thread.sleep(this.properties.gapRetryDelay().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
