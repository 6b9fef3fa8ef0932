package dev.vanguard.realtime.events;

import java.io.IOException;
import java.util.Locale;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import dev.vanguard.contracts.events.RoutingKeys;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.RealtimeProperties;
import dev.vanguard.realtime.store.ApplyOutcome;
import dev.vanguard.realtime.store.SessionStore;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.stereotype.Component;

/**
 * Applies each session event to Redis and acknowledges it only once Redis has taken both
 * the state change and the PUBLISH (one script does both). A redelivered event that was
 * already applied is a duplicate by its seq and is acknowledged without effect; an event
 * that overtook its predecessor goes back to the queue after a short pause until the
 * missing one has been applied.
 */
@Component
class EventListener implements ChannelAwareMessageListener {

	private static final Logger logger = LoggerFactory.getLogger(EventListener.class);

	private final SessionStore store;

	private final ObjectMapper mapper;

	private final RealtimeMetrics metrics;

	private final RealtimeProperties.Amqp properties;

	EventListener(SessionStore store, ObjectMapper mapper, RealtimeMetrics metrics, RealtimeProperties properties) {
		this.store = store;
		this.mapper = mapper;
		this.metrics = metrics;
		this.properties = properties.amqp();
	}

	@Override
	public void onMessage(Message message, Channel channel) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		SessionEvent event;
		try {
			event = decode(message);
		}
		catch (RuntimeException ex) {
			// Unreadable now means unreadable forever: requeueing would loop.
			logger.error("Dropping an unreadable event ({}): {}",
					message.getMessageProperties().getReceivedRoutingKey(), ex.toString());
			this.metrics.eventProcessed("rejected");
			channel.basicReject(tag, false);
			return;
		}
		ApplyOutcome outcome;
		try {
			outcome = this.store.apply(event).block(this.properties.redisTimeout());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not apply event {} #{} of session {}; it goes back to the queue: {}",
					event.getClass().getSimpleName(), event.seq(), event.sessionId(), ex.toString());
			this.metrics.eventProcessed("failed");
			pause();
			channel.basicNack(tag, false, true);
			return;
		}
		this.metrics.eventProcessed((outcome != null) ? outcome.name().toLowerCase(Locale.ROOT) : "failed");
		if (outcome == ApplyOutcome.GAP) {
			logger.info("Event #{} of session {} arrived before its predecessor; retrying", event.seq(),
					event.sessionId());
			pause();
			channel.basicNack(tag, false, true);
			return;
		}
		channel.basicAck(tag, false);
	}

	private SessionEvent decode(Message message) {
		Object version = message.getMessageProperties().getHeaders().get(SessionEvent.VERSION_HEADER);
		if (version != null && Integer.parseInt(version.toString()) > SessionEvent.VERSION) {
			throw new IllegalArgumentException("Event version " + version + " is newer than " + SessionEvent.VERSION);
		}
		Class<? extends SessionEvent> type = RoutingKeys
			.eventType(message.getMessageProperties().getReceivedRoutingKey());
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
