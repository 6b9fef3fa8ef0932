package dev.vanguard.session.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.modulith.events.support.CompletionMode;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Modulith's publication repository with the outbox's per-event bookkeeping cut
 * down (issue 13). Modulith 2.0 marks every publication in progress before its listener
 * runs and completed after it, each in a transaction of its own: two commits, each with
 * PostgreSQL's fsync, and two of the pool's connections per event, 15 % of
 * session-service's CPU in a join storm. Here:
 * <ul>
 * <li>The in-progress mark is not written. Nothing here reads it: resubmission takes
 * every publication without a completion date, whatever its status, and no staleness
 * monitor is configured ({@code spring.modulith.events.staleness.*}).</li>
 * <li>Completions are queued and written by one thread, everything queued in one
 * transaction (one {@code DELETE … WHERE id IN (…)} in the {@code DELETE} completion
 * mode). Modulith completes a publication only after its listener returned, i.e. after
 * the broker's confirm, so a publication is still never completed before the broker has
 * the event; a completion lost to a crash (or a failed write) leaves the row incomplete
 * and the event is sent again, which the outbox's at-least-once delivery allows.</li>
 * </ul>
 * Everything else goes to Modulith's repository as it is.
 */
final class BatchingEventPublicationRepository implements EventPublicationRepository, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(BatchingEventPublicationRepository.class);

	/** Most completions written in one transaction. */
	private static final int MAX_BATCH = 500;

	private final EventPublicationRepository delegate;

	private final TransactionTemplate transaction;

	private final CompletionMode completionMode;

	private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();

	private final Thread writer;

	private volatile boolean stopping;

	BatchingEventPublicationRepository(EventPublicationRepository delegate, TransactionTemplate transaction,
			CompletionMode completionMode) {
		this.delegate = delegate;
		this.transaction = transaction;
		this.completionMode = completionMode;
		this.writer = Thread.ofPlatform().name("event-completion").daemon().start(this::writeCompletions);
	}

	@Override
	public void markProcessing(UUID identifier) {
		// not written: see the class comment
	}

	@Override
	public void markCompleted(TargetEventPublication publication, Instant completionDate) {
		markCompleted(publication.getIdentifier(), completionDate);
	}

	@Override
	public void markCompleted(UUID identifier, Instant completionDate) {
		this.completions.add(new Completion(identifier, completionDate));
	}

	private void writeCompletions() {
		List<Completion> batch = new ArrayList<>();
		while (!this.stopping) {
			try {
				Completion first = this.completions.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.completions.drainTo(batch, MAX_BATCH - 1);
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Completion> batch) {
		try {
			this.transaction.executeWithoutResult((status) -> {
				if (this.completionMode == CompletionMode.DELETE) {
					this.delegate.deletePublications(batch.stream().map(Completion::identifier).toList());
				}
				else {
					batch.forEach((completion) -> this.delegate.markCompleted(completion.identifier(),
							completion.completionDate()));
				}
			});
		}
		catch (RuntimeException ex) {
			log.warn("{} event publications not marked complete ({}); their events will be sent again", batch.size(),
					ex.getMessage());
		}
	}

	/**
	 * Writes what is still queued, so that a clean shutdown sends no event twice.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.stopping = true;
		this.writer.join(TimeUnit.SECONDS.toMillis(2));
		List<Completion> rest = new ArrayList<>();
		this.completions.drainTo(rest);
		if (!rest.isEmpty()) {
			write(rest);
		}
	}

	@Override
	public TargetEventPublication create(TargetEventPublication publication) {
		return this.delegate.create(publication);
	}

	@Override
	public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
		this.delegate.markCompleted(event, identifier, completionDate);
	}

	@Override
	public void markFailed(UUID identifier) {
		this.delegate.markFailed(identifier);
	}

	@Override
	public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
		return this.delegate.markResubmitted(identifier, resubmissionDate);
	}

	@Override
	public List<TargetEventPublication> findIncompletePublications() {
		return this.delegate.findIncompletePublications();
	}

	@Override
	public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
		return this.delegate.findIncompletePublicationsPublishedBefore(instant);
	}

	@Override
	public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event,
			PublicationTargetIdentifier targetIdentifier) {
		return this.delegate.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
	}

	@Override
	public List<TargetEventPublication> findCompletedPublications() {
		return this.delegate.findCompletedPublications();
	}

	@Override
	public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
		return this.delegate.findFailedPublications(criteria);
	}

	@Override
	public void deletePublications(List<UUID> identifiers) {
		this.delegate.deletePublications(identifiers);
	}

	@Override
	public void deleteCompletedPublications() {
		this.delegate.deleteCompletedPublications();
	}

	@Override
	public void deleteCompletedPublicationsBefore(Instant instant) {
		this.delegate.deleteCompletedPublicationsBefore(instant);
	}

	@Override
	public List<TargetEventPublication> findByStatus(EventPublication.Status status) {
		return this.delegate.findByStatus(status);
	}

	@Override
	public int countByStatus(EventPublication.Status status) {
		return this.delegate.countByStatus(status);
	}

	private record Completion(UUID identifier, Instant completionDate) {
	}

}
