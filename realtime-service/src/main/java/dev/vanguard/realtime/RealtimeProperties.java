package dev.vanguard.realtime;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.vanguard.contracts.events.AnswerAccepted;
import dev.vanguard.contracts.events.ResyncRequested;
import dev.vanguard.contracts.events.RoutingKeys;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything about realtime-service that an operator may tune. The defaults are sized for
 * 19,000 sockets on one 2-core instance with a 20,000 open-file limit.
 *
 * @param instanceId names this instance's Redis subscriber and AMQP connection (so an
 * operator, or a fault test, can find exactly this instance's connections); random when
 * blank
 * @param authJwksUri where auth-service publishes the keys of host tokens
 * @param sessionJwksUri where session-service publishes the keys of player tokens
 * @param allowedOrigins browser origins allowed to open a socket
 * @param allowMissingOrigin whether a client without an Origin header (not a browser: the
 * benchmark, a native app) may connect; browsers always send one, so this does not weaken
 * the cross-site check
 * @param maxConnections sockets held at most; one more is closed with 1013
 * @param eventLoopThreads Netty event loops serving the sockets, 0 for one per core
 * @param maxFrameBytes largest client frame accepted (a larger one is closed with 1009)
 * @param sendQueueCapacity frames waiting for one connection before it counts as a slow
 * consumer
 * @param writeStallTimeout how long a connection's socket may refuse more bytes before it
 * counts as a slow consumer
 * @param socketSendBufferBytes SO_SNDBUF of each socket, 0 for the kernel's default
 * @param idleTimeout a connection that sends nothing (not even a pong) for this long is
 * closed
 * @param pingInterval a connection the server wrote nothing to for this long gets a ping
 * @param closeGrace how long a close frame may take before the socket is dropped
 * @param rateLimit per-connection token bucket for client frames
 * @param answerCountInterval how often the host hears the answer count (at most)
 * @param rosterInterval how often the host hears who joined (at most; the joins of one
 * interval come in one frame)
 * @param playerCountInterval how often the players in a lobby hear how many have joined
 * (at most)
 * @param resyncInterval how often each session with local connections is checked for
 * broadcasts this instance missed (a Redis reconnect), which triggers a fresh catch-up
 * @param onlineHeartbeat how often this instance re-asserts its players' online counts of
 * each session it has sockets of; counts it stops re-asserting (it crashed) leave the
 * session's {@code online} hash after three intervals
 * @param accessLog whether to write an access log line per upgrade (token masked)
 * @param amqp the event consumer
 */
@Validated
@ConfigurationProperties("vanguard.realtime")
public record RealtimeProperties(String instanceId,
		@NotNull @DefaultValue("http://127.0.0.1:8081/.well-known/jwks.json") URI authJwksUri,
		@NotNull @DefaultValue("http://127.0.0.1:8083/api/sessions/.well-known/jwks.json") URI sessionJwksUri,
		@DefaultValue( {
				"http://localhost:8080", "http://127.0.0.1:8080",
				"http://localhost:5173" }) List<String> allowedOrigins,
		@DefaultValue("true") boolean allowMissingOrigin, @Min(1) @DefaultValue("19000") int maxConnections,
		@Min(0) @DefaultValue("0") int eventLoopThreads, @Min(256) @DefaultValue("4096") int maxFrameBytes,
		@Min(1) @DefaultValue("256") int sendQueueCapacity, @NotNull @DefaultValue("10s") Duration writeStallTimeout,
		@Min(0) @DefaultValue("0") int socketSendBufferBytes, @NotNull @DefaultValue("90s") Duration idleTimeout,
		@NotNull @DefaultValue("25s") Duration pingInterval, @NotNull @DefaultValue("2s") Duration closeGrace,
		@Valid @NotNull @DefaultValue RateLimit rateLimit, @NotNull @DefaultValue("250ms") Duration answerCountInterval,
		@NotNull @DefaultValue("100ms") Duration rosterInterval,
		@NotNull @DefaultValue("250ms") Duration playerCountInterval,
		@NotNull @DefaultValue("2s") Duration resyncInterval, @NotNull @DefaultValue("4s") Duration onlineHeartbeat,
		@DefaultValue("true") boolean accessLog, @Valid @NotNull @DefaultValue Amqp amqp){

	public RealtimeProperties {
		if (instanceId == null || instanceId.isBlank()) {
			instanceId = UUID.randomUUID().toString().substring(0, 8);
		}
		allowedOrigins = (allowedOrigins != null) ? List.copyOf(allowedOrigins) : List.of();
	}

	/**
	 * How long an instance's online counts outlive its last heartbeat: three heartbeats,
	 * so one late or lost heartbeat never makes live players look gone.
	 */
	public Duration onlineTtl() {
		return this.onlineHeartbeat.multipliedBy(3);
	}

	/** Event loops actually used. */
	public int effectiveEventLoopThreads() {
		return (this.eventLoopThreads > 0) ? this.eventLoopThreads : Runtime.getRuntime().availableProcessors();
	}

	/**
	 * A token bucket: a client may send {@code burst} frames at once and
	 * {@code perSecond} on average; a client that empties it is flooding and is closed
	 * with 4429.
	 */
	public record RateLimit(@Min(1) @DefaultValue("20") int burst, @Min(1) @DefaultValue("10") int perSecond) {
	}

	/**
	 * The session event consumer.
	 *
	 * @param exchange the topic exchange session-service publishes to (and, with
	 * {@code .express} after it, the express copies)
	 * @param queue the quorum queue this service consumes (single active consumer, so
	 * several instances never reorder a session's events); events that can never be
	 * applied go to {@code <queue>.dead-letter}
	 * @param legacyQueue the classic queue of earlier versions (a classic queue cannot be
	 * redeclared as a quorum queue), emptied into {@code queue} and deleted at start-up;
	 * blank for none
	 * @param queueExpires deletes the queues after this long unused (only for tests on a
	 * shared broker); null keeps them forever
	 * @param prefetch unacknowledged deliveries in flight; events that overtook their
	 * predecessor are held among them, so this bounds how far a session's events may be
	 * reordered before held ones are sent round the queue again
	 * @param gapRetryDelay how long the consumer pauses before an event goes round the
	 * queue again (Redis failed, or too many events wait for predecessors)
	 * @param redisTimeout how long applying one event may take in Redis
	 * @param resyncAfter how long a session's events may wait for a predecessor before
	 * session-service is asked to write the session's state again (and again at this
	 * interval while they wait)
	 * @param heldTimeout how long an event may wait for its predecessor, or keep being
	 * refused by Redis's script, before it goes to the dead-letter queue
	 * @param resyncQueue where the resync requests go (through the default exchange)
	 * @param deliveryLimit the {@code x-delivery-limit} of the event queue when this
	 * service creates it; null leaves the broker's default (none on RabbitMQ 3, 20 on 4).
	 * A queue that exists keeps the limit it was created with: the broker refuses a
	 * declaration with another, so change it with a policy
	 * @param answersQueue where each accepted answer goes (through the default exchange)
	 * for session-service to keep in PostgreSQL
	 * @param answerConfirmTimeout how long an accepted answer's phone may wait for the
	 * broker's confirm of its {@code AnswerAccepted}, retries included; the phone is told
	 * {@code answer_accepted} then anyway (docs/adr/0008)
	 */
	public record Amqp(@NotBlank @DefaultValue("vanguard.events") String exchange,
			@NotBlank @DefaultValue("vanguard.realtime.session-events") String queue,
			@DefaultValue("vanguard.realtime.events") String legacyQueue, Duration queueExpires,
			@Min(2) @DefaultValue("250") int prefetch, @NotNull @DefaultValue("100ms") Duration gapRetryDelay,
			@NotNull @DefaultValue("5s") Duration redisTimeout, @NotNull @DefaultValue("3s") Duration resyncAfter,
			@NotNull @DefaultValue("60s") Duration heldTimeout,
			@NotBlank @DefaultValue(ResyncRequested.QUEUE) String resyncQueue, @Min(1) Integer deliveryLimit,
			@NotBlank @DefaultValue(AnswerAccepted.QUEUE) String answersQueue,
			@NotNull @DefaultValue("5s") Duration answerConfirmTimeout) {

		/**
		 * The exchange session-service sends the express copies of its events to
		 * (docs/adr/0009).
		 */
		public String expressExchange() {
			return RoutingKeys.expressExchange(this.exchange);
		}

		/**
		 * The classic queue the express copies come through, shared by every instance
		 * like the event queue.
		 */
		public String expressQueue() {
			return this.queue + ".express";
		}

		/** Where events that can never be applied are kept for an operator to look at. */
		public String deadLetterQueue() {
			return this.queue + ".dead-letter";
		}

	}

}
