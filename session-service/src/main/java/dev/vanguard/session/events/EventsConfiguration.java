package dev.vanguard.session.events;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

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
	 * The relay's threads. Each relay costs the publication registry two small
	 * transactions (in progress, completed), so an unbounded executor (the application's
	 * virtual threads) would start one per event at once: a batch of 250 joins put 250
	 * threads in the connection pool's queue ahead of the next batch. A few threads and a
	 * queue keep the bookkeeping to {@code relay-threads} connections; the events
	 * themselves went to the broker at their commit already ({@link EventRelay}). Not a
	 * default candidate, so the application's own executor stays as it is; an event still
	 * queued here at shutdown stays in the outbox and is sent again on restart.
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
