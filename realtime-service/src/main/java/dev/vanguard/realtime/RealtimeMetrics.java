package dev.vanguard.realtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The service's own meters. Names follow the Prometheus convention once exported
 * ({@code websocket.messages.sent} becomes {@code websocket_messages_sent_total}).
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
		this.registry.counter("websocket.message.errors", "code", code).increment();
	}

	public void answerSubmitted(String outcome) {
		this.registry.counter("quiz.answers.submitted", "outcome", outcome).increment();
	}

	public void eventProcessed(String outcome) {
		this.registry.counter("session.events.processed", "outcome", outcome).increment();
	}

	public void broadcastLatency(long millis) {
		this.broadcastLatency.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
	}

	public void sendQueueOverflow() {
		this.sendQueueOverflows.increment();
	}

	public void connectionClosed(String code) {
		this.registry.counter("websocket.connections.closed", "code", code).increment();
	}

	public void sessionsInProgress(Supplier<Number> count) {
		Gauge.builder("sessions.in.progress", count)
			.description("Sessions with sockets on this instance")
			.register(this.registry);
	}

}
