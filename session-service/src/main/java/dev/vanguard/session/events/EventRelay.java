package dev.vanguard.session.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.vanguard.contracts.events.SessionEvent;

/**
 * The outbox relay. Services publish {@link SessionEvent}s with Spring's
 * {@code ApplicationEventPublisher} inside the transaction that changes the session;
 * Spring Modulith's registry stores a publication row in that same transaction. After the
 * commit this listener sends the event to RabbitMQ and, once the broker confirmed it, the
 * registry deletes the row. If sending fails (broker down, nack, timeout) the row stays
 * and is resubmitted: on restart, and every {@code resubmit-interval} for rows older than
 * {@code resubmit-older-than}, so an outage only delays events. A crash between the
 * confirm and the bookkeeping sends an event twice; consumers drop the repeat by its
 * {@code seq}.
 */
@Component
class EventRelay {

	private static final Logger log = LoggerFactory.getLogger(EventRelay.class);

	private final RabbitEventPublisher publisher;

	private final IncompleteEventPublications incomplete;

	private final EventProperties properties;

	EventRelay(RabbitEventPublisher publisher, IncompleteEventPublications incomplete, EventProperties properties) {
		this.publisher = publisher;
		this.incomplete = incomplete;
		this.properties = properties;
	}

	@Async
	@TransactionalEventListener
	void relay(SessionEvent event) {
		try {
			this.publisher.publish(event);
		}
		catch (RuntimeException ex) {
			log.warn("Event {} #{} of session {} not published yet ({}); it will be resubmitted",
					event.getClass().getSimpleName(), event.seq(), event.sessionId(), ex.getMessage());
			throw ex;
		}
	}

	@Scheduled(fixedDelayString = "${vanguard.events.resubmit-interval:5s}",
			initialDelayString = "${vanguard.events.resubmit-interval:5s}")
	void resubmitIncomplete() {
		this.incomplete.resubmitIncompletePublicationsOlderThan(this.properties.resubmitOlderThan());
	}

}
