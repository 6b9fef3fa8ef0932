package dev.vanguard.session.game;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import dev.vanguard.contracts.events.ResyncRequested;

/**
 * Consumes realtime-service's {@link ResyncRequested resync requests}: a session whose
 * events wait too long in realtime-service (their predecessor is not in Redis, or Redis
 * keeps refusing them) gets its live state written from the database at once
 * ({@link LiveStateRebuild#resync}), rather than at the clock's next look, and only when
 * Redis has no state of it or one behind the session's last event.
 * <p>
 * A request is handled at most once here: it is acknowledged whatever the outcome, and a
 * request that fails (the database or Redis away) or cannot be read is rejected without
 * requeue rather than circling. Losing one costs only time: realtime-service repeats the
 * request while the session stays stuck. Requests are idempotent, so repeats and requests
 * from several realtime instances are harmless.
 */
@Component
class ResyncRequests implements MessageListener {

	private static final Logger log = LoggerFactory.getLogger(ResyncRequests.class);

	/** How a request ended, the tag of the {@code session.resyncs} counter. */
	enum Outcome {

		REBUILT, REWRITTEN, UP_TO_DATE, NOT_LIVE, MALFORMED, ERROR;

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		static Outcome of(LiveStateRebuild.ResyncOutcome outcome) {
			return valueOf(outcome.name());
		}

	}

	private final LiveStateRebuild rebuild;

	private final LiveStateRepair repair;

	private final JsonMapper jsonMapper;

	private final Map<Outcome, Counter> resyncs;

	ResyncRequests(LiveStateRebuild rebuild, LiveStateRepair repair, JsonMapper jsonMapper, MeterRegistry registry) {
		this.rebuild = rebuild;
		this.repair = repair;
		this.jsonMapper = jsonMapper;
		this.resyncs = Arrays.stream(Outcome.values())
			.collect(Collectors.toUnmodifiableMap(Function.identity(),
					(outcome) -> Counter.builder("session.resyncs")
						.description("Resync requests from realtime-service, by what they led to")
						.tag("outcome", outcome.tag())
						.register(registry)));
	}

	@Override
	public void onMessage(Message message) {
		ResyncRequested request = read(message);
		UUID sessionId = request.sessionId();
		if (request.reason() == ResyncRequested.Reason.FAILED) {
			log.warn(
					"realtime-service could not apply event #{} of session {}: Redis kept refusing it "
							+ "(it went to the dead-letter queue); resynchronising the session",
					request.waitingSeq(), sessionId);
		}
		Outcome outcome;
		try {
			outcome = Outcome.of(this.repair.attempt(sessionId, () -> this.rebuild.resync(sessionId)));
		}
		catch (RuntimeException ex) {
			this.resyncs.get(Outcome.ERROR).increment();
			log.warn("Could not resynchronise session {} ({}); realtime-service asks again while it stays stuck",
					sessionId, ex.toString());
			throw new AmqpRejectAndDontRequeueException("Resync of session " + sessionId + " failed", ex);
		}
		this.resyncs.get(outcome).increment();
		log.info("Resync of session {} asked by realtime-service ({}, Redis at #{}, #{} waiting): {}", sessionId,
				request.reason(), request.appliedSeq(), request.waitingSeq(), outcome.tag());
	}

	private ResyncRequested read(Message message) {
		ResyncRequested request;
		try {
			request = this.jsonMapper.readValue(message.getBody(), ResyncRequested.class);
		}
		catch (JacksonException ex) {
			request = null;
		}
		if (request == null || request.sessionId() == null || request.reason() == null) {
			this.resyncs.get(Outcome.MALFORMED).increment();
			log.warn("Dropping a resync request that cannot be read ({} bytes)", message.getBody().length);
			throw new AmqpRejectAndDontRequeueException("Unreadable resync request");
		}
		return request;
	}

	@Configuration(proxyBeanMethods = false)
	static class ResyncConfiguration {

		/**
		 * Declared exactly as realtime-service declares it (a durable quorum queue, no
		 * other argument), whichever service starts first. Only a test's queue of its own
		 * name may expire: the platform's never does, so no declaration of it differs.
		 */
		@Bean
		Queue resyncRequestsQueue(ResyncProperties properties) {
			QueueBuilder queue = QueueBuilder.durable(properties.queue()).quorum();
			if (properties.queueExpires() != null && !ResyncRequested.QUEUE.equals(properties.queue())) {
				queue.expires((int) properties.queueExpires().toMillis());
			}
			return queue.build();
		}

		/**
		 * One consumer: requests are few, and each takes the session's row lock anyway. A
		 * failed request is not requeued (see {@link ResyncRequests}).
		 */
		@Bean
		SimpleMessageListenerContainer resyncRequestsContainer(ConnectionFactory connectionFactory,
				Queue resyncRequestsQueue, ResyncRequests listener) {
			SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
			container.setQueues(resyncRequestsQueue);
			container.setAcknowledgeMode(AcknowledgeMode.AUTO);
			container.setConcurrentConsumers(1);
			container.setPrefetchCount(10);
			container.setDefaultRequeueRejected(false);
			container.setMessageListener(listener);
			return container;
		}

	}

}
