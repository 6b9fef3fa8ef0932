package dev.vanguard.realtime.game;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.ObjectMapper;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import dev.vanguard.contracts.events.AnswerAccepted;
import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.RealtimeProperties;

/**
 * Streams each accepted answer to session-service, which keeps it in PostgreSQL at once
 * (docs/adr/0008-accepted-answers-streamed-to-postgresql.md): an {@link AnswerAccepted},
 * persistent and mandatory, through the default exchange to its durable queue, with a
 * publisher confirm. The phone's {@code answer_accepted} waits for that confirm, so an
 * acknowledged answer is on the broker's disk as well as in Redis.
 * <p>
 * The answers go over one channel in confirm mode on a connection of their own (a
 * publisher the broker slows down never slows the event consumer), confirmed
 * asynchronously as the broker acknowledges them, usually many at once: a burst of
 * answers needs neither a channel nor a thread per answer in flight. Nothing here blocks
 * the caller's thread: a publish runs on a virtual thread, and its confirm is awaited as
 * a future. A nack, a returned (unroutable) message, a channel that closed, or no confirm
 * within a second is tried again, within {@code answer-confirm-timeout} in all. After
 * that the answer is acknowledged anyway, counted ({@code quiz.answers.unconfirmed}) and
 * logged: Redis (with its AOF) has it and copies it to PostgreSQL when the question
 * closes, and refusing it would be worse, since the phone's resend is refused as already
 * answered.
 */
@Component
class AcceptedAnswers implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AcceptedAnswers.class);

	/** How long one attempt waits for its confirm before the next publish. */
	static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

	/** The pause before the first retry; doubles after each. */
	static final Duration FIRST_RETRY = Duration.ofMillis(50);

	private final ConfirmingChannel channel;

	private final ObjectMapper mapper;

	private final RealtimeProperties.Amqp properties;

	private final RealtimeMetrics metrics;

	/** Where a publish runs: a virtual thread each, none lingering after a burst. */
	private final Scheduler publishers = Schedulers.fromExecutorService(
			Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("answer-publish-", 0).factory()),
			"answer-publish");

	AcceptedAnswers(CachingConnectionFactory connectionFactory, ObjectMapper mapper, RealtimeProperties properties,
			RealtimeMetrics metrics) {
		this.channel = new ConfirmingChannel(connectionFactory.getRabbitConnectionFactory(),
				"vanguard-realtime-" + properties.instanceId() + "-answers");
		this.mapper = mapper;
		this.properties = properties.amqp();
		this.metrics = metrics;
	}

	/**
	 * Publishes {@code answer} and completes once the broker confirmed it (true) or
	 * {@code answer-confirm-timeout} passed without a confirm (false). Never fails.
	 */
	Mono<Boolean> publish(AnswerAccepted answer) {
		byte[] body = this.mapper.writeValueAsBytes(answer);
		long started = System.nanoTime();
		return Mono.defer(() -> attempt(body))
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

	private Mono<Void> attempt(byte[] body) {
		return Mono.fromCallable(() -> this.channel.publish(this.properties.answersQueue(), body))
			.subscribeOn(this.publishers)
			.flatMap((confirm) -> Mono.fromFuture(confirm.future(), true)
				.timeout(ATTEMPT_TIMEOUT)
				.doOnError(TimeoutException.class, (ex) -> this.channel.forget(confirm)));
	}

	@Override
	public void destroy() {
		this.publishers.dispose();
		this.channel.close();
	}

	/**
	 * One channel in confirm mode on a connection of its own, opened when first needed
	 * and again after it closed; each publish gets a future completed by the broker's
	 * confirm of its delivery tag (or of a later one, {@code multiple}), failed by a
	 * nack, a return or the channel closing. Only publishing takes the lock: the broker's
	 * callbacks, which come on the connection's own thread, never wait for it.
	 */
	static final class ConfirmingChannel {

		private final com.rabbitmq.client.ConnectionFactory factory;

		private final String connectionName;

		private @Nullable Connection connection;

		private volatile @Nullable Confirms current;

		ConfirmingChannel(com.rabbitmq.client.ConnectionFactory factory, String connectionName) {
			this.factory = factory;
			this.connectionName = connectionName;
		}

		/** A publish waiting for its confirm. */
		record Pending(Confirms confirms, long tag, CompletableFuture<Void> future) {
		}

		/**
		 * Publishes {@code body}, persistent and mandatory, to {@code queue} through the
		 * default exchange; blocks while the broker holds the publisher back.
		 */
		synchronized Pending publish(String queue, byte[] body) throws IOException, TimeoutException {
			Confirms confirms = open();
			long tag = confirms.channel().getNextPublishSeqNo();
			CompletableFuture<Void> future = new CompletableFuture<>();
			confirms.unconfirmed().put(tag, future);
			AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
				.deliveryMode(2)
				.messageId(Long.toString(tag))
				.build();
			try {
				confirms.channel().basicPublish("", queue, true, properties, body);
			}
			catch (IOException | RuntimeException ex) {
				confirms.unconfirmed().remove(tag);
				throw ex;
			}
			return new Pending(confirms, tag, future);
		}

		/** Stops waiting for {@code pending}'s confirm (its attempt gave up). */
		void forget(Pending pending) {
			pending.confirms().unconfirmed().remove(pending.tag(), pending.future());
		}

		private Confirms open() throws IOException, TimeoutException {
			Confirms open = this.current;
			if (open != null && open.channel().isOpen()) {
				return open;
			}
			if (this.connection == null || !this.connection.isOpen()) {
				this.connection = this.factory.newConnection(this.connectionName);
			}
			Channel channel = this.connection.createChannel();
			channel.confirmSelect();
			Confirms confirms = new Confirms(channel, new ConcurrentSkipListMap<>());
			channel.addConfirmListener((tag, multiple) -> confirms.settle(tag, multiple, null),
					(tag, multiple) -> confirms.settle(tag, multiple, new IOException("nacked by the broker")));
			channel
				.addReturnListener((returned) -> confirms.fail(Long.parseLong(returned.getProperties().getMessageId()),
						new IOException("returned by the broker: " + returned.getReplyText())));
			channel.addShutdownListener((cause) -> confirms.closed(cause));
			this.current = confirms;
			return confirms;
		}

		synchronized void close() {
			Connection open = this.connection;
			this.connection = null;
			if (open != null && open.isOpen()) {
				try {
					open.close();
				}
				catch (IOException | RuntimeException ex) {
					log.debug("Closing the answers' connection failed: {}", ex.toString());
				}
			}
		}

		/** One channel and its publishes not yet confirmed, by delivery tag. */
		record Confirms(Channel channel, ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed) {

			void settle(long tag, boolean multiple, @Nullable Exception failure) {
				if (!multiple) {
					complete(tag, failure);
					return;
				}
				for (Long settled : this.unconfirmed.headMap(tag, true).keySet()) {
					complete(settled, failure);
				}
			}

			void fail(long tag, Exception failure) {
				complete(tag, failure);
			}

			/**
			 * A channel that closed takes its unconfirmed publishes with it: each is
			 * tried again.
			 */
			void closed(ShutdownSignalException cause) {
				IOException failure = new IOException("channel closed: " + cause.getMessage());
				for (Long tag : this.unconfirmed.keySet()) {
					complete(tag, failure);
				}
			}

			private void complete(long tag, @Nullable Exception failure) {
				CompletableFuture<Void> future = this.unconfirmed.remove(tag);
				if (future == null) {
					return;
				}
				if (failure == null) {
					future.complete(null);
				}
				else {
					future.completeExceptionally(failure);
				}
			}

		}

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
