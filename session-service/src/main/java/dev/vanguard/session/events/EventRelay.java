package dev.vanguard.session.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.vanguard.contracts.events.SessionEvent;

/**
 * The outbox relay. Services publish {@link SessionEvent}s with Spring's
 * {@code ApplicationEventPublisher} inside the transaction that changes the session;
 * Spring Modulith's registry stores a publication row in that same transaction. After the
 * commit this listener makes sure the broker has the event and, once the broker confirmed
 * it, the registry deletes the row. If sending fails (broker down, nack, timeout) the row
 * stays and is resubmitted: on restart, and every {@code resubmit-interval} for rows
 * older than {@code resubmit-older-than}, so an outage only delays events. A crash
 * between the confirm and the bookkeeping sends an event twice; consumers drop the repeat
 * by its {@code seq}.
 *
 * <p>
 * The send itself does not wait for the relay: the committing thread hands the event to
 * the broker the moment its transaction commits ({@link #sendOnCommit}), which takes no
 * round trip. The relay, on a thread of its own after Modulith has marked the publication
 * in progress (a transaction of its own), then only waits for that send's confirm; it
 * sends the event itself when there was none (no connection open at the commit, a send
 * that failed, a resubmission). So the host's click reaches the players without waiting
 * for the hand-over to the relay or for the registry's bookkeeping, and the relay runs on
 * a few threads of its own ({@link EventsConfiguration#eventRelayExecutor}), so that
 * bookkeeping never takes more than a few of the pool's connections.
 */
@Component
class EventRelay {

	private static final Logger log = LoggerFactory.getLogger(EventRelay.class);

	private final RabbitEventPublisher publisher;

	private final IncompleteEventPublications incomplete;

	private final EventProperties properties;

	/** Events sent at their commit whose relay has not taken the send yet, by id. */
	private final Map<String, RabbitEventPublisher.Sent> sentAtCommit = new ConcurrentHashMap<>();

	EventRelay(RabbitEventPublisher publisher, IncompleteEventPublications incomplete, EventProperties properties) {
		this.publisher = publisher;
		this.incomplete = incomplete;
		this.properties = properties;
	}

	/**
	 * Sends the event right after its transaction commits, on the committing thread and
	 * before any other after-commit work (Modulith's hand-over to {@link #relay} among
	 * it). Never fails the commit's caller: whatever goes wrong here, the relay sends the
	 * event again.
	 */
	@EventListener
	void sendOnCommit(SessionEvent event) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public int getOrder() {
				return Ordered.HIGHEST_PRECEDENCE;
			}

			@Override
			public void afterCommit() {
				if (!EventRelay.this.publisher.connected()) {
					// connecting could take long: the relay does it off this thread
					return;
				}
				try {
					EventRelay.this.sentAtCommit.put(RabbitEventPublisher.id(event),
							EventRelay.this.publisher.send(event, true));
				}
				catch (RuntimeException ex) {
					log.debug("Event {} not sent at its commit; the relay sends it", RabbitEventPublisher.id(event),
							ex);
				}
			}

		});
	}

	@Async("eventRelayExecutor")
	@TransactionalEventListener
	void relay(SessionEvent event) {
		RabbitEventPublisher.Sent sent = this.sentAtCommit.remove(RabbitEventPublisher.id(event));
		try {
			if (sent != null) {
				this.publisher.awaitConfirm(sent);
			}
			else {
				this.publisher.publish(event);
			}
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
		// a send whose relay never came (the application stopping meanwhile) is
		// forgotten;
		// its publication is still in the outbox
		long staleBefore = System.nanoTime() - this.properties.resubmitOlderThan().toNanos();
		this.sentAtCommit.values().removeIf((sent) -> sent.sentAtNanos() - staleBefore < 0);
		this.incomplete.resubmitIncompletePublicationsOlderThan(this.properties.resubmitOlderThan());
	}

}
