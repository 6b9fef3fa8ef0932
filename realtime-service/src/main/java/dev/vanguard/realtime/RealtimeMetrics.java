package dev.vanguard.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.vanguard.realtime.protocol.ErrorCode;
import dev.vanguard.realtime.store.ApplyOutcome;

import org.springframework.stereotype.Component;

/**
 * The service's own meters. Names follow the Prometheus convention once exported
 * ({@code websocket.messages.sent} becomes {@code websocket_messages_sent_total}). Every
 * outcome of the tagged counters is registered at start-up, so that a fresh instance
 * shows zeros on the dashboards rather than no data.
 */
@Component
public class RealtimeMetrics {

	private final MeterRegistry registry;

	private final AtomicInteger activeConnections = new AtomicInteger();

	private final Counter connectionAttempts;

	private final Counter messagesSent;

	private final Counter messagesReceived;

	private final Timer messageProcessing;

	private final Timer broadcastLatency;

	private final Counter sendQueueOverflows;

	private final Counter answersUnconfirmed;

	private final Timer answerConfirm;

	/**
	 * Why an event went to the dead-letter queue: it could not be read, its predecessor
	 * never came, or Redis kept refusing it.
	 */
	public static final List<String> DEAD_LETTER_REASONS = List.of("unreadable", "gap", "failed");

	/** Why session-service was asked to write a session's state again. */
	public static final List<String> RESYNC_REASONS = List.of("gap", "failed");

	public RealtimeMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("websocket.active.connections", this.activeConnections, AtomicInteger::get)
			.description("Open WebSocket connections on this instance")
			.register(registry);
		this.connectionAttempts = Counter.builder("websocket.connection.attempts")
			.description("WebSocket upgrade requests, admitted or not")
			.register(registry);
		this.messagesSent = Counter.builder("websocket.messages.sent")
			.description("Frames handed to sockets")
			.register(registry);
		this.messagesReceived = Counter.builder("websocket.messages.received")
			.description("Frames received from clients")
			.register(registry);
		this.messageProcessing = Timer.builder("websocket.message.processing")
			.description("From a client frame's arrival to the server's reply being queued")
			.publishPercentileHistogram()
			.register(registry);
		this.broadcastLatency = Timer.builder("broadcast.latency")
			.description("From a session event's creation to its frame being handed to a socket")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
		this.sendQueueOverflows = Counter.builder("websocket.send.queue.overflows")
			.description("Connections closed as slow consumers")
			.register(registry);
		this.answersUnconfirmed = Counter.builder("quiz.answers.unconfirmed")
			.description("Accepted answers acknowledged without the broker's confirm of their AnswerAccepted")
			.register(registry);
		this.answerConfirm = Timer.builder("quiz.answers.confirm")
			.description("From an accepted answer's AnswerAccepted publish to the broker's confirm")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
		answerCounter("accepted");
		for (ErrorCode code : ErrorCode.values()) {
			answerCounter(outcome(code));
			errorCounter(code.name());
		}
		errorCounter("FLOOD");
		errorCounter("TOO_BIG");
		for (ApplyOutcome outcome : ApplyOutcome.values()) {
			eventCounter(outcome.name().toLowerCase(Locale.ROOT));
			expressEventCounter(outcome.name().toLowerCase(Locale.ROOT));
		}
		eventCounter("rejected");
		eventCounter("failed");
		expressEventCounter("rejected");
		expressEventCounter("failed");
		for (String reason : DEAD_LETTER_REASONS) {
			deadLetterCounter(reason);
		}
		for (String reason : RESYNC_REASONS) {
			resyncCounter(reason);
		}
	}

	/**
	 * The tag value of an error code: {@code ALREADY_ANSWERED} is
	 * {@code already_answered}.
	 */
	public static String outcome(ErrorCode code) {
		return code.name().toLowerCase(Locale.ROOT);
	}

	private Counter answerCounter(String outcome) {
		return Counter.builder("quiz.answers.submitted")
			.description("Answers received, by outcome: accepted, or the error code of the refusal")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private Counter errorCounter(String code) {
		return Counter.builder("websocket.message.errors")
			.description("Client frames refused, by error code")
			.tag("code", code)
			.register(this.registry);
	}

	private Counter eventCounter(String outcome) {
		return Counter.builder("session.events.processed")
			.description("Session events consumed, by outcome: applied, duplicate (applied before: by its"
					+ " express copy, or a redelivery), gap (held for its predecessor), rejected (unreadable) or"
					+ " failed (one try Redis did not apply)")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private Counter expressEventCounter(String outcome) {
		return Counter.builder("session.events.express")
			.description("Express copies of session events, by outcome: applied (ahead of the durable copy),"
					+ " duplicate (the durable copy came first), gap (dropped: not the session's next event),"
					+ " rejected (unreadable) or failed (Redis did not apply it; the durable copy will)")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private Counter deadLetterCounter(String reason) {
		return Counter.builder("session.events.dead.lettered")
			.description("Session events sent to the dead-letter queue, by reason: unreadable, gap (the"
					+ " predecessor never came) or failed (Redis kept refusing it)")
			.tag("reason", reason)
			.register(this.registry);
	}

	private Counter resyncCounter(String reason) {
		return Counter.builder("session.resync.requests")
			.description(
					"Requests that session-service write a stuck session's state again, by reason:" + " gap or failed")
			.tag("reason", reason)
			.register(this.registry);
	}

	public void connectionOpened() {
		this.activeConnections.incrementAndGet();
	}

	public void connectionClosed() {
		this.activeConnections.decrementAndGet();
	}

	public int activeConnections() {
		return this.activeConnections.get();
	}

	public void connectionAttempt() {
		this.connectionAttempts.increment();
	}

	public void messagesSent(int count) {
		this.messagesSent.increment(count);
	}

	public void messageReceived() {
		this.messagesReceived.increment();
	}

	public Timer.Sample startProcessing() {
		return Timer.start(this.registry);
	}

	public void processed(Timer.Sample sample) {
		sample.stop(this.messageProcessing);
	}

	public void messageError(String code) {
		errorCounter(code).increment();
	}

	public void answerSubmitted(String outcome) {
		answerCounter(outcome).increment();
	}

	public void eventProcessed(String outcome) {
		eventCounter(outcome).increment();
	}

	public void expressEventProcessed(String outcome) {
		expressEventCounter(outcome).increment();
	}

	public void eventDeadLettered(String reason) {
		deadLetterCounter(reason).increment();
	}

	/**
	 * An accepted answer whose {@code AnswerAccepted} the broker did not confirm in time:
	 * it is in Redis only (and its AOF) until its question closes.
	 */
	public void answerUnconfirmed() {
		this.answersUnconfirmed.increment();
	}

	public void answerConfirmed(long nanos) {
		this.answerConfirm.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
	}

	public void resyncRequested(String reason) {
		resyncCounter(reason).increment();
	}

	public void broadcastLatency(long millis) {
		this.broadcastLatency.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
	}

	public void sendQueueOverflow() {
		this.sendQueueOverflows.increment();
	}

	public void connectionClosed(String code) {
		Counter.builder("websocket.connections.closed")
			.description("Connections closed by the server, by close code")
			.tag("code", code)
			.register(this.registry)
			.increment();
	}

	public void sessionsInProgress(Supplier<Number> count) {
		Gauge.builder("sessions.in.progress", count)
			.description("Sessions with sockets on this instance")
			.register(this.registry);
	}

}
