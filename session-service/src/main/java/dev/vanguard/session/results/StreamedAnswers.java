package dev.vanguard.session.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vanguard.contracts.events.AnswerAccepted;
import dev.vanguard.session.live.SessionRoster;

/**
 * Keeps each answer realtime-service accepted ({@link AnswerAccepted}) in PostgreSQL as
 * it comes, so an acknowledged answer to the open question survives Redis coming back
 * empty (docs/adr/0008-accepted-answers-streamed-to-postgresql.md): the session's rebuild
 * puts the open question's kept answers back into Redis.
 * <p>
 * Answers come in batches (up to {@code batch-size}, or what arrived within
 * {@code batch-wait}), each batch kept in one transaction, so a burst of thousands a
 * second costs a few commits. Keeping is idempotent (an answer is identified by session,
 * player and question), so a redelivered batch, or the copy made when the question
 * closes, changes nothing. A batch the database refused is requeued whole.
 * <p>
 * Then each answer is written back into Redis while its question is still the open one
 * there, where Redis has no answer of that player
 * ({@link SessionRoster#writeBackAnswers}): that is an answer accepted before Redis came
 * back empty but consumed only after the rebuild read the database, which consumer lag
 * would otherwise lose. Normally Redis has every one already and nothing changes. A
 * failure there is logged, not retried: the answer is kept, and a rebuild that follows
 * reads it.
 */
@Component
class StreamedAnswers implements BatchMessageListener {

	private static final Logger log = LoggerFactory.getLogger(StreamedAnswers.class);

	/**
	 * The order answers are kept in, so two batches never wait for each other in a cycle.
	 */
	private static final Comparator<AnswerAccepted> KEY_ORDER = Comparator.comparing(AnswerAccepted::sessionId)
		.thenComparingInt(AnswerAccepted::questionIndex)
		.thenComparing(AnswerAccepted::playerId);

	private final ResultsRecorder results;

	private final SessionRoster roster;

	private final TransactionTemplate transactions;

	private final JsonMapper jsonMapper;

	private final Counter received;

	private final Counter writtenBack;

	private final Counter unreadable;

	StreamedAnswers(ResultsRecorder results, SessionRoster roster, PlatformTransactionManager transactionManager,
			JsonMapper jsonMapper, MeterRegistry registry) {
		this.results = results;
		this.roster = roster;
		this.transactions = new TransactionTemplate(transactionManager);
		this.jsonMapper = jsonMapper;
		this.received = counter(registry, "received", "Accepted answers received from realtime-service");
		this.writtenBack = counter(registry, "written-back",
				"Accepted answers put back into Redis, which had lost them after a rebuild");
		this.unreadable = counter(registry, "unreadable", "Accepted-answer messages that could not be read");
	}

	private static Counter counter(MeterRegistry registry, String outcome, String description) {
		return Counter.builder("session.answers.streamed")
			.description(description)
			.tag("outcome", outcome)
			.register(registry);
	}

	@Override
	public void onMessage(Message message) {
		onMessageBatch(List.of(message));
	}

	@Override
	public void onMessageBatch(List<Message> messages) {
		List<AnswerAccepted> answers = new ArrayList<>(messages.size());
		for (Message message : messages) {
			AnswerAccepted answer = read(message);
			if (answer != null) {
				answers.add(answer);
			}
		}
		if (answers.isEmpty()) {
			return;
		}
		answers.sort(KEY_ORDER);
		this.transactions.executeWithoutResult((status) -> this.results.keepAccepted(answers));
		this.received.increment(answers.size());
		writeBack(answers);
	}

	private void writeBack(List<AnswerAccepted> answers) {
		Map<Question, Map<String, String>> byQuestion = new LinkedHashMap<>();
		for (AnswerAccepted answer : answers) {
			AnswerRecord record = new AnswerRecord(answer.options(), answer.text(), answer.correct(), answer.points(),
					answer.streak(), answer.responseMs(), answer.answeredAt());
			byQuestion
				.computeIfAbsent(new Question(answer.sessionId(), answer.questionIndex()), (q) -> new LinkedHashMap<>())
				.put(answer.playerId().toString(), this.jsonMapper.writeValueAsString(record));
		}
		byQuestion.forEach((question, records) -> {
			try {
				long written = this.roster.writeBackAnswers(question.sessionId(), question.index(), records);
				if (written > 0) {
					this.writtenBack.increment(written);
					log.warn(
							"Put {} accepted answers to question {} of session {} back into Redis, which had lost them",
							written, question.index(), question.sessionId());
				}
			}
			catch (RuntimeException ex) {
				log.warn(
						"Could not check Redis for {} accepted answers to question {} of session {} ({}); they are kept",
						records.size(), question.index(), question.sessionId(), ex.toString());
			}
		});
	}

	private AnswerAccepted read(Message message) {
		try {
			AnswerAccepted answer = this.jsonMapper.readValue(message.getBody(), AnswerAccepted.class);
			if (answer != null && answer.sessionId() != null && answer.playerId() != null) {
				return answer;
			}
		}
		catch (JacksonException ex) {
			// counted and logged below
		}
		this.unreadable.increment();
		log.warn("Dropping an accepted answer that cannot be read ({} bytes)", message.getBody().length);
		return null;
	}

	private record Question(UUID sessionId, int index) {
	}

	@Configuration(proxyBeanMethods = false)
	static class AnswerStreamConfiguration {

		/**
		 * Declared exactly as realtime-service declares it (a durable quorum queue, no
		 * other argument), whichever service starts first. Only a test's queue of its own
		 * name may expire.
		 */
		@Bean
		Queue answersAcceptedQueue(AnswerStreamProperties properties) {
			QueueBuilder queue = QueueBuilder.durable(properties.queue()).quorum();
			if (properties.queueExpires() != null && !AnswerAccepted.QUEUE.equals(properties.queue())) {
				queue.expires((int) properties.queueExpires().toMillis());
			}
			return queue.build();
		}

		/**
		 * One consumer taking batches: each batch is one transaction, fast enough for
		 * thousands of answers a second; several session-service instances each add one.
		 * A batch that fails is requeued.
		 */
		@Bean
		SimpleMessageListenerContainer answersAcceptedContainer(ConnectionFactory connectionFactory,
				Queue answersAcceptedQueue, StreamedAnswers listener, AnswerStreamProperties properties) {
			SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
			container.setQueues(answersAcceptedQueue);
			container.setAcknowledgeMode(AcknowledgeMode.AUTO);
			container.setConcurrentConsumers(1);
			container.setConsumerBatchEnabled(true);
			container.setBatchSize(properties.batchSize());
			container.setPrefetchCount(properties.batchSize() * 2);
			container.setBatchReceiveTimeout(properties.batchWait().toMillis());
			container.setReceiveTimeout(properties.batchWait().toMillis());
			container.setDefaultRequeueRejected(true);
			container.setMessageListener(listener);
			return container;
		}

	}

}
