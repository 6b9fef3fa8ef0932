package dev.vanguard.realtime.events;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.RealtimeProperties;
import dev.vanguard.realtime.store.ApplyOutcome;
import dev.vanguard.realtime.store.SessionStore;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.stereotype.Component;

/**
 * Applies the express copies of session events (docs/adr/0009): the same event as the
 * durable one, which session-service sent at the same commit, but through a classic queue
 * that hands it on without waiting for a disk sync. It is applied only if it is the
 * session's next event; otherwise it is dropped, and so is one Redis could not take: the
 * durable copy, through {@link SessionEventConsumer}, applies it in order, holds it,
 * retries it and dead-letters it as before. Whichever copy comes second finds the seq
 * applied and changes nothing. Nothing is acknowledged here (the queue hands copies out
 * with automatic acknowledgement): a lost express copy costs only its shortcut.
 */
@Component
class ExpressEventConsumer implements MessageListener {

	private static final Logger logger = LoggerFactory.getLogger(ExpressEventConsumer.class);

	private final SessionStore store;

	private final ObjectMapper mapper;

	private final RealtimeMetrics metrics;

	private final RealtimeProperties.Amqp properties;

	ExpressEventConsumer(SessionStore store, ObjectMapper mapper, RealtimeMetrics metrics,
			RealtimeProperties properties) {
		this.store = store;
		this.mapper = mapper;
		this.metrics = metrics;
		this.properties = properties.amqp();
	}

	@Override
	public void onMessage(Message message) {
		SessionEvent event;
		try {
			event = SessionEventConsumer.decode(message, this.mapper);
		}
		catch (RuntimeException ex) {
			// its durable copy is dead-lettered as unreadable, with the log line
			this.metrics.expressEventProcessed("rejected");
			return;
		}
		try {
			ApplyOutcome outcome = this.store.apply(event).block(this.properties.redisTimeout());
			this.metrics.expressEventProcessed((outcome != null) ? outcome.name().toLowerCase(Locale.ROOT) : "failed");
		}
		catch (RuntimeException ex) {
			this.metrics.expressEventProcessed("failed");
			logger.debug("Express copy of event #{} of session {} not applied; its durable copy will be: {}",
					event.seq(), event.sessionId(), ex.toString());
		}
	}

}
