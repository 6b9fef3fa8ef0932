package dev.vanguard.session.events;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.support.CompletionMode;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vanguard.contracts.events.RoutingKeys;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

	/**
	 * Declared (idempotently) whenever the connection opens, so publishing never 404s.
	 */
	@Bean
	TopicExchange sessionEventsExchange(EventProperties properties) {
		return new TopicExchange(properties.exchange(), true, false);
	}

	/**
	 * Where the express copies of events go ({@link RabbitEventPublisher});
	 * realtime-service binds its express queue to it.
	 */
	@Bean
	TopicExchange sessionEventsExpressExchange(EventProperties properties) {
		return new TopicExchange(RoutingKeys.expressExchange(properties.exchange()), true, false);
	}

	/**
	 * The publication repository Modulith's registry uses: its JPA repository without the
	 * in-progress mark and with completions written in batches (issue 13).
	 */
	@Bean
	@Primary
	BatchingEventPublicationRepository batchingEventPublicationRepository(
			@Qualifier("jpaEventPublicationRepository") EventPublicationRepository jpaRepository,
			PlatformTransactionManager transactionManager, Environment environment) {
		return new BatchingEventPublicationRepository(jpaRepository, new TransactionTemplate(transactionManager),
				CompletionMode.from(environment));
	}

	/**
	 * The relay's threads. Each relay runs the publication registry's two
	 * {@code REQUIRES_NEW} transactions (in progress, completed; empty since
	 * {@link BatchingEventPublicationRepository}, but each still holds a pooled
	 * connection for a moment), so an unbounded executor (the application's virtual
	 * threads) would start one per event at once: a batch of 250 joins put 250 threads in
	 * the connection pool's queue ahead of the next batch. A few threads and a queue keep
	 * the bookkeeping to {@code relay-threads} connections; the events themselves went to
	 * the broker at their commit already ({@link EventRelay}). Not a default candidate,
	 * so the application's own executor stays as it is; an event still queued here at
	 * shutdown stays in the outbox and is sent again on restart.
	 */
	@Bean(defaultCandidate = false)
	ThreadPoolTaskExecutor eventRelayExecutor(EventProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(properties.relayThreads());
		executor.setMaxPoolSize(properties.relayThreads());
		executor.setThreadNamePrefix("event-relay-");
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(2);
		return executor;
	}

}
