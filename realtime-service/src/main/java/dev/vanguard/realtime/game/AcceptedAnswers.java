package dev.vanguard.realtime.game;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.ObjectMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import dev.vanguard.contracts.events.AnswerAccepted;
import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.RealtimeProperties;

/**
 * Streams each accepted answer to session-service, which keeps it in PostgreSQL at once
 * (docs/adr/0008-accepted-answers-streamed-to-postgresql.md): an {@link AnswerAccepted},
 * persistent, through the default exchange to its durable queue, with a publisher
 * confirm. The phone's {@code answer_accepted} waits for that confirm, so an acknowledged
 * answer is on the broker's disk as well as in Redis.
 * <p>
 * Nothing here blocks the caller's thread: the publish itself (which may wait for a
 * channel, or for the broker's flow control) runs on a worker, and the confirm is awaited
 * as a future. A nack, a returned (unroutable) message or no confirm within a second is
 * tried again, within {@code answer-confirm-timeout} in all. After that the answer is
 * acknowledged anyway, counted ({@code quiz.answers.unconfirmed}) and logged: Redis (with
 * its AOF) has it and copies it to PostgreSQL when the question closes, and refusing it
 * would be worse, since the phone's resend is refused as already answered.
 */
@Component
class AcceptedAnswers {

	private static final Logger log = LoggerFactory.getLogger(AcceptedAnswers.class);

	/** How long one attempt waits for its confirm before the next publish. */
	static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

	/** The pause before the first retry; doubles after each. */
	static final Duration FIRST_RETRY = Duration.ofMillis(50);

	private final RabbitTemplate rabbit;

	private final ObjectMapper mapper;

	private final RealtimeProperties.Amqp properties;

	private final RealtimeMetrics metrics;

	AcceptedAnswers(RabbitTemplate rabbit, ObjectMapper mapper, RealtimeProperties properties,
			RealtimeMetrics metrics) {
		this.rabbit = rabbit;
		this.mapper = mapper;
		this.properties = properties.amqp();
		this.metrics = metrics;
	}

	/**
	 * Publishes {@code answer} and completes once the broker confirmed it (true) or
	 * {@code answer-confirm-timeout} passed without a confirm (false). Never fails.
	 */
	Mono<Boolean> publish(AnswerAccepted answer) {
		Message message = message(answer);
		long started = System.nanoTime();
		return Mono.defer(() -> attempt(message))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RETRY).maxBackoff(ATTEMPT_TIMEOUT))
			.timeout(this.properties.answerConfirmTimeout())
			.then(Mono.fromCallable(() -> {
				this.metrics.answerConfirmed(System.nanoTime() - started);
				return true;
			}))
			.onErrorResume((ex) -> {
				this.metrics.answerUnconfirmed();
				log.warn(
						"No confirm from the broker for the answer of player {} to question {} of session {} within {} "
								+ "({}); acknowledged anyway, it is in Redis until the question closes",
						answer.playerId(), answer.questionIndex(), answer.sessionId(),
						this.properties.answerConfirmTimeout(), ex.toString());
				return Mono.just(false);
			});
	}

	private Mono<Void> attempt(Message message) {
		return Mono.fromCallable(() -> {
			CorrelationData correlation = new CorrelationData();
			this.rabbit.send("", this.properties.answersQueue(), message, correlation);
			return correlation;
		})
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((correlation) -> Mono.fromFuture(correlation.getFuture())
				.timeout(ATTEMPT_TIMEOUT)
				.flatMap((confirm) -> {
					if (!confirm.ack()) {
						return Mono.error(new IllegalStateException("nacked: " + confirm.reason()));
					}
					if (correlation.getReturned() != null) {
						return Mono.error(new IllegalStateException(
								"returned: " + correlation.getReturned().getReplyText() + " (no such queue)"));
					}
					return Mono.empty();
				}));
	}

	private Message message(AnswerAccepted answer) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		return new Message(this.mapper.writeValueAsBytes(answer), properties);
	}

	@Configuration(proxyBeanMethods = false)
	static class AnswersQueueConfiguration {

		/**
		 * Declared exactly as session-service declares it (a durable quorum queue, no
		 * other argument), so an answer published before session-service first started
		 * waits for it. Only a test's queue of its own name may expire.
		 */
		@Bean
		Queue answersAcceptedQueue(RealtimeProperties properties) {
			RealtimeProperties.Amqp amqp = properties.amqp();
			QueueBuilder queue = QueueBuilder.durable(amqp.answersQueue()).quorum();
			if (amqp.queueExpires() != null && !AnswerAccepted.QUEUE.equals(amqp.answersQueue())) {
				queue.expires((int) amqp.queueExpires().toMillis());
			}
			return queue.build();
		}

	}

}
