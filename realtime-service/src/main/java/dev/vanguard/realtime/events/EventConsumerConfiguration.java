package dev.vanguard.realtime.events;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionNameStrategy;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.vanguard.contracts.events.ResyncRequested;
import dev.vanguard.contracts.events.RoutingKeys;
import dev.vanguard.realtime.RealtimeProperties;

/**
 * The session event consumer: one quorum queue bound to every event of the topic
 * exchange, consumed by one thread with manual acknowledgement. The queue has a single
 * active consumer, so with several instances exactly one applies events at a time (the
 * others stand by and take over when it goes), and a session's events are never applied
 * out of order by two instances racing
 * (docs/adr/0006-quorum-queue-single-active-consumer.md). A quorum queue is replicated
 * over a RabbitMQ cluster's nodes and works the same on a single node. An event rejected
 * as unreadable is dead-lettered (at least once) to a queue of its own rather than
 * dropped, and so is an event that waited too long (see {@link SessionEventConsumer}).
 * The queue of {@link dev.vanguard.contracts.events.ResyncRequested resync requests} is
 * declared here as well, so that a request waits for session-service even before it first
 * started.
 */
@Configuration(proxyBeanMethods = false)
class EventConsumerConfiguration {

	/** The first retry after the broker drops the connection; doubles up to 32 s. */
	static final long RECOVERY_INITIAL_MS = 1_000;

	static final long RECOVERY_MAX_MS = 32_000;

	/** How long an express copy is worth keeping in its queue. */
	static final int EXPRESS_TTL_MS = 2_000;

	/** How many express copies its queue keeps at most. */
	static final int EXPRESS_MAX_LENGTH = 10_000;

	/** How long stopping waits for the event in hand to be applied and acknowledged. */
	static final long SHUTDOWN_TIMEOUT_MS = 20_000;

	@Bean
	TopicExchange sessionEventsExchange(RealtimeProperties properties) {
		return new TopicExchange(properties.amqp().exchange(), true, false);
	}

	@Bean
	Queue realtimeEventsQueue(RealtimeProperties properties) {
		RealtimeProperties.Amqp amqp = properties.amqp();
		// The default exchange routes the dead letters by queue name. At-least-once
		// dead-lettering needs the reject-publish overflow; no length limit is set, so it
		// never rejects a publish.
		QueueBuilder queue = QueueBuilder.durable(amqp.queue())
			.quorum()
			.singleActiveConsumer()
			.deadLetterExchange("")
			.deadLetterRoutingKey(amqp.deadLetterQueue())
			.withArgument("x-dead-letter-strategy", "at-least-once")
			.overflow(QueueBuilder.Overflow.rejectPublish);
		if (amqp.deliveryLimit() != null) {
			queue.deliveryLimit(amqp.deliveryLimit());
		}
		return expiring(queue, amqp).build();
	}

	@Bean
	Queue realtimeDeadLetterQueue(RealtimeProperties properties) {
		return expiring(QueueBuilder.durable(properties.amqp().deadLetterQueue()).quorum(), properties.amqp()).build();
	}

	/**
	 * The resync requests' queue. The platform's own ({@link ResyncRequested#QUEUE}) is
	 * declared exactly as session-service declares it, never expiring, whatever
	 * {@code queue-expires} says: a test or a benchmark that lets its event queue expire
	 * but keeps the default name here must not redeclare the shared queue differently
	 * (the broker would refuse every later declaration of it). A queue of a name of its
	 * own expires like the event queue.
	 */
	@Bean
	Queue resyncRequestsQueue(RealtimeProperties properties) {
		QueueBuilder queue = QueueBuilder.durable(properties.amqp().resyncQueue()).quorum();
		return (ResyncRequested.QUEUE.equals(properties.amqp().resyncQueue())) ? queue.build()
				: expiring(queue, properties.amqp()).build();
	}

	private static QueueBuilder expiring(QueueBuilder builder, RealtimeProperties.Amqp amqp) {
		return (amqp.queueExpires() != null) ? builder.expires((int) amqp.queueExpires().toMillis()) : builder;
	}

	@Bean
	Binding realtimeEventsBinding(Queue realtimeEventsQueue, TopicExchange sessionEventsExchange) {
		return BindingBuilder.bind(realtimeEventsQueue).to(sessionEventsExchange).with(RoutingKeys.ALL);
	}

	/**
	 * The express copies' exchange, declared on both sides like the event exchange.
	 */
	@Bean
	TopicExchange sessionEventsExpressExchange(RealtimeProperties properties) {
		return new TopicExchange(properties.amqp().expressExchange(), true, false);
	}

	/**
	 * The express copies' queue (docs/adr/0009): a classic queue, which hands a message
	 * on at once, shared by every instance (whichever instance takes a copy applies it
	 * for all of them). A copy is worth something only while it can still overtake its
	 * durable twin, so copies older than {@link #EXPRESS_TTL_MS} are dropped, and so are
	 * the oldest beyond {@link #EXPRESS_MAX_LENGTH} should this service stop consuming.
	 */
	@Bean
	Queue realtimeExpressQueue(RealtimeProperties properties) {
		return expiring(QueueBuilder.durable(properties.amqp().expressQueue())
			.ttl(EXPRESS_TTL_MS)
			.maxLength(EXPRESS_MAX_LENGTH)
			.overflow(QueueBuilder.Overflow.dropHead), properties.amqp()).build();
	}

	@Bean
	Binding realtimeExpressBinding(Queue realtimeExpressQueue, TopicExchange sessionEventsExpressExchange) {
		return BindingBuilder.bind(realtimeExpressQueue).to(sessionEventsExpressExchange).with(RoutingKeys.ALL);
	}

	/**
	 * One thread per instance, copies handed out without acknowledgement: one lost (this
	 * instance stopping with copies in its buffer) costs only its shortcut.
	 */
	@Bean
	SimpleMessageListenerContainer expressEventsContainer(ConnectionFactory connectionFactory,
			Queue realtimeExpressQueue, ExpressEventConsumer listener) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueues(realtimeExpressQueue);
		container.setAcknowledgeMode(AcknowledgeMode.NONE);
		container.setConcurrentConsumers(1);
		container.setMessageListener(listener);
		container.setRecoveryBackOff(recoveryBackOff());
		return container;
	}

	/**
	 * How a consumer retries after the broker dropped its connection: 1 s, doubling up to
	 * 32 s.
	 */
	private static ExponentialBackOff recoveryBackOff() {
		ExponentialBackOff recovery = new ExponentialBackOff(RECOVERY_INITIAL_MS, 2.0);
		recovery.setMaxInterval(RECOVERY_MAX_MS);
		return recovery;
	}

	/** Names the AMQP connection after this instance (visible in the broker's UI). */
	@Bean
	ConnectionNameStrategy connectionNameStrategy(RealtimeProperties properties) {
		return (factory) -> "vanguard-realtime-" + properties.instanceId();
	}

	@Bean
	SimpleMessageListenerContainer sessionEventsContainer(ConnectionFactory connectionFactory,
			RealtimeProperties properties, Queue realtimeEventsQueue, SessionEventConsumer listener) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueues(realtimeEventsQueue);
		container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		container.setConcurrentConsumers(1);
		container.setPrefetchCount(properties.amqp().prefetch());
		container.setMessageListener(listener);
		container.setRecoveryBackOff(recoveryBackOff());
		container.setShutdownTimeout(SHUTDOWN_TIMEOUT_MS);
		container.setDefaultRequeueRejected(true);
		// Held events are checked every second even when no delivery comes.
		container.setIdleEventInterval(SessionEventConsumer.SWEEP_INTERVAL_MS);
		return container;
	}

}
