package dev.vanguard.realtime.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import io.lettuce.core.RedisCommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import tools.jackson.databind.ObjectMapper;

import dev.vanguard.contracts.events.ResyncRequested;
import dev.vanguard.contracts.events.RoutingKeys;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.RealtimeProperties;
import dev.vanguard.realtime.store.ApplyOutcome;
import dev.vanguard.realtime.store.SessionStore;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.ListenerContainerIdleEvent;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Applies each session event to Redis and acknowledges it only once Redis has taken both
 * the state change and the PUBLISH (one script does both). A redelivered event that was
 * already applied (a redelivery, or an event its express copy brought first, see
 * {@link ExpressEventConsumer}) is a duplicate by its seq and is acknowledged without
 * effect; an event that overtook its predecessor is held, unacknowledged, and applied
 * right after the missing one (see {@link HeldEvents}).
 *
 * <p>
 * No event circles forever. Every second (on a delivery, or when the queue is idle) the
 * lowest held event of each session is tried again, which also picks up a state that
 * session-service wrote afresh. A session whose events have waited {@code resync-after}
 * gets a {@link ResyncRequested}, repeated at that interval; events that waited
 * {@code held-timeout}, or that Redis's script refused ten times, are rejected to the
 * dead-letter queue (counted in {@code session.events.dead.lettered}). An unreadable
 * event goes there at once. While Redis is away, the event in hand waits here and is
 * tried again (see {@link #apply}).
 */
@Component
class SessionEventConsumer implements ChannelAwareMessageListener, ApplicationListener<ListenerContainerIdleEvent> {

	private static final Logger logger = LoggerFactory.getLogger(SessionEventConsumer.class);

	/** How often held events are tried again and their wait checked. */
	static final long SWEEP_INTERVAL_MS = 1_000;

	/** The longest pause between two tries of an event while Redis is away. */
	static final long REDIS_RETRY_MAX_MS = 2_000;

	/**
	 * How often Redis may refuse an event before it is dead-lettered: fewer than RabbitMQ
	 * 4's default delivery limit of a quorum queue (20), so that this consumer, not the
	 * broker, dead-letters it and asks for the resync.
	 */
	static final long REFUSALS_BEFORE_DEAD_LETTER = 10;

	/**
	 * The routing key of an event that was sent round the queue (see
	 * {@link #routingKey}).
	 */
	static final String ROUTING_KEY_HEADER = "vanguard-routing-key";

	/**
	 * Since when an event sent round the queue has been held (epoch ms): its wait goes on
	 * counting from there.
	 */
	static final String HELD_SINCE_HEADER = "vanguard-held-since";

	private final SessionStore store;

	private final ObjectMapper mapper;

	private final RealtimeMetrics metrics;

	private final RealtimeProperties.Amqp properties;

	private final HeldEvents held = new HeldEvents();

	/**
	 * Since when each event Redis refused has been failing: the bound holds across its
	 * redeliveries.
	 */
	private final Map<EventId, Long> failingSince = new HashMap<>();

	/** When a resync of each stuck session was last asked for. */
	private final Map<UUID, Long> resyncRequestedAt = new HashMap<>();

	private final MessagePropertiesConverter propertiesConverter = new DefaultMessagePropertiesConverter();

	/** The channel the held events' delivery tags belong to. */
	private Channel heldOn;

	private long lastSweep;

	SessionEventConsumer(SessionStore store, ObjectMapper mapper, RealtimeMetrics metrics,
			RealtimeProperties properties) {
		this.store = store;
		this.mapper = mapper;
		this.metrics = metrics;
		this.properties = properties.amqp();
	}

	@Override
	public void onMessage(Message message, Channel channel) throws IOException {
		if (channel != this.heldOn) {
			// A new channel (after a broker reconnect): the old one's unacknowledged
			// deliveries, held ones included, are redelivered by the broker.
			this.held.clear();
			this.failingSince.clear();
			this.heldOn = channel;
		}
		long tag = message.getMessageProperties().getDeliveryTag();
		SessionEvent event;
		try {
			event = decode(message, this.mapper);
		}
		catch (RuntimeException ex) {
			// Unreadable now means unreadable forever: requeueing would loop. Rejected,
			// it goes to the dead-letter queue.
			logger.error("Dead-lettering an unreadable event ({}): {}", routingKey(message), ex.toString());
			this.metrics.eventProcessed("rejected");
			this.metrics.eventDeadLettered("unreadable");
			channel.basicReject(tag, false);
			return;
		}
		// Every log line about this event carries its session (a field of its own in JSON
		// logs).
		try (MDC.MDCCloseable _ = MDC.putCloseable("sessionId", event.sessionId().toString())) {
			ApplyOutcome outcome = apply(event, message, channel, false);
			if (outcome == ApplyOutcome.GAP) {
				hold(new HeldEvents.Held(event, message, tag, heldSince(message)), channel);
			}
			else if (outcome != null) {
				applyHeldSuccessors(event, channel);
			}
		}
		if (now() - this.lastSweep >= SWEEP_INTERVAL_MS) {
			sweep(channel);
		}
	}

	/**
	 * The consumer's thread publishes this when the queue has had nothing for a while:
	 * held events are checked all the same.
	 */
	@Override
	public void onApplicationEvent(ListenerContainerIdleEvent idle) {
		Channel channel = this.heldOn;
		if (channel == null || !Arrays.asList(idle.getQueueNames()).contains(this.properties.queue())) {
			return;
		}
		if (!channel.isOpen()) {
			this.held.clear();
			return;
		}
		try {
			sweep(channel);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not check the held events: {}", ex.toString());
		}
	}

	/**
	 * Applies one event and acknowledges it unless it came too early; null when Redis did
	 * not apply it and the event went back to the queue (or, refused too often, to the
	 * dead-letter queue). A retry of a held event is not counted again as a gap.
	 */
	private ApplyOutcome apply(SessionEvent event, Message message, Channel channel, boolean retry) throws IOException {
		ApplyOutcome outcome = null;
		boolean refused = false;
		long backoff = this.properties.gapRetryDelay().toMillis();
		for (int attempt = 0;; attempt++) {
			try {
				outcome = this.store.apply(event).block(this.properties.redisTimeout());
				break;
			}
			catch (RuntimeException ex) {
				refused = refusedByRedis(ex);
				this.metrics.eventProcessed("failed");
				// Once per event: it may fail many times over before it passes or is
				// given up.
				boolean first = attempt == 0
						&& !(refused && this.failingSince.containsKey(new EventId(event.sessionId(), event.seq())));
				logger.atLevel(first ? Level.WARN : Level.DEBUG)
					.log("Could not apply event {} #{} of session {}: {}", event.getClass().getSimpleName(),
							event.seq(), event.sessionId(), ex.toString());
				if (refused || !channel.isOpen() || Thread.currentThread().isInterrupted()) {
					break;
				}
				// Redis is away: the event waits here, unacknowledged, and so do the
				// events behind it. Back in the queue, RabbitMQ 4.0-4.2 would count each
				// return towards the quorum queue's delivery limit (20 by default) and
				// dead-letter it within seconds.
				sleep(backoff);
				backoff = Math.min(backoff * 2, REDIS_RETRY_MAX_MS);
			}
		}
		if (outcome == null) {
			failed(event, message, channel, refused);
			return null;
		}
		if (outcome != ApplyOutcome.GAP || !retry) {
			this.metrics.eventProcessed(outcome.name().toLowerCase(Locale.ROOT));
		}
		if (!this.failingSince.isEmpty()) {
			this.failingSince.remove(new EventId(event.sessionId(), event.seq()));
		}
		if (outcome != ApplyOutcome.GAP) {
			channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
		}
		return outcome;
	}

	/**
	 * Redis did not apply the event. Redis away (no connection, a timeout, loading, busy,
	 * out of memory) only delays it, however long (ADR 6): it left the retries above only
	 * because this consumer is stopping, and goes back to the queue. An event Redis
	 * itself refused, with an error of its script, goes back to the queue too, other
	 * sessions' events pass meanwhile; refused {@link #REFUSALS_BEFORE_DEAD_LETTER}
	 * times, or for the whole {@code held-timeout}, it will never pass: it is
	 * dead-lettered and its session resynchronised.
	 */
	private void failed(SessionEvent event, Message message, Channel channel, boolean refused) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		if (!channel.isOpen()) {
			// The broker gives it to the next consumer.
			return;
		}
		if (!refused) {
			channel.basicNack(tag, false, true);
			return;
		}
		long now = now();
		EventId id = new EventId(event.sessionId(), event.seq());
		long since = this.failingSince.computeIfAbsent(id, (key) -> now);
		long deliveries = deliveryCount(message);
		if (now - since < this.properties.heldTimeout().toMillis() && deliveries < REFUSALS_BEFORE_DEAD_LETTER) {
			pause();
			channel.basicNack(tag, false, true);
			return;
		}
		this.failingSince.remove(id);
		logger.error("Dead-lettering event {} #{} of session {}: Redis has refused it {} times, for {} ms",
				event.getClass().getSimpleName(), event.seq(), event.sessionId(), deliveries + 1, now - since);
		channel.basicReject(tag, false);
		this.metrics.eventDeadLettered("failed");
		requestResync(event.sessionId(), -1, event.seq(), ResyncRequested.Reason.FAILED, channel);
	}

	/**
	 * How often the broker delivered this message before ({@code x-delivery-count}, set
	 * by quorum queues on a redelivery).
	 */
	private static long deliveryCount(Message message) {
		Object count = message.getMessageProperties().getHeaders().get("x-delivery-count");
		return (count instanceof Number number) ? number.longValue() : 0;
	}

	/**
	 * Whether Redis answered, with an error of the script ({@code ERR …}, or
	 * {@code WRONGTYPE} from a command in it): the same event would fail again. Other
	 * errors ({@code LOADING}, {@code BUSY}, {@code OOM}, {@code READONLY},
	 * {@code CLUSTERDOWN}, no connection, a timeout) pass with time.
	 */
	static boolean refusedByRedis(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisCommandExecutionException && cause.getMessage() != null
					&& (cause.getMessage().startsWith("ERR") || cause.getMessage().startsWith("WRONGTYPE"))) {
				return true;
			}
		}
		return false;
	}

	private void hold(HeldEvents.Held early, Channel channel) throws IOException {
		logger.debug("Event #{} of session {} arrived before its predecessor; holding it", early.event().seq(),
				early.event().sessionId());
		HeldEvents.Held repeat = this.held.hold(early);
		if (repeat != null) {
			channel.basicAck(repeat.deliveryTag(), false);
		}
		if (this.held.size() >= heldLimit()) {
			sendHeldRoundTheQueue(channel);
		}
	}

	/**
	 * The deliveries in flight are nearly all held, so the missing events cannot come
	 * through: the held ones go to the back of the queue, behind the events they wait
	 * for. A requeue would not do: RabbitMQ puts a requeued message back at the front,
	 * where it would fill the window again. Each is published before its delivery is
	 * acknowledged, on the same channel, so the broker has the copy before it forgets the
	 * original; the copy says since when it has been waiting.
	 */
	private void sendHeldRoundTheQueue(Channel channel) throws IOException {
		logger.warn("{} events wait for predecessors; sending them round the queue", this.held.size());
		pause();
		for (HeldEvents.Held early : this.held.all()) {
			MessageProperties properties = early.message().getMessageProperties();
			properties.setHeader(ROUTING_KEY_HEADER, routingKey(early.message()));
			properties.setHeader(HELD_SINCE_HEADER, early.heldSince());
			// A received message has only a received delivery mode: say persistent again.
			properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
			channel.basicPublish("", this.properties.queue(),
					this.propertiesConverter.fromMessageProperties(properties, StandardCharsets.UTF_8.name()),
					early.message().getBody());
			channel.basicAck(early.deliveryTag(), false);
		}
		this.held.clear();
	}

	/** Applies the held events that the event just applied has made next in line. */
	private void applyHeldSuccessors(SessionEvent applied, Channel channel) throws IOException {
		HeldEvents.Held next = this.held.next(applied.sessionId());
		while (next != null && next.event().seq() <= applied.seq() + 1) {
			this.held.release(next);
			ApplyOutcome outcome = apply(next.event(), next.message(), channel, true);
			if (outcome == ApplyOutcome.GAP) {
				// Cannot happen while seq <= applied + 1, unless Redis lost the state.
				hold(next, channel);
				return;
			}
			if (outcome == null) {
				return;
			}
			applied = next.event();
			next = this.held.next(applied.sessionId());
		}
	}

	/**
	 * Tries the lowest held event of each session again (its predecessor may have been
	 * written by a resync), and deals with the sessions that have waited too long.
	 */
	private void sweep(Channel channel) throws IOException {
		long now = now();
		this.lastSweep = now;
		for (UUID sessionId : this.held.sessions()) {
			try (MDC.MDCCloseable _ = MDC.putCloseable("sessionId", sessionId.toString())) {
				retry(sessionId, channel, now);
			}
		}
		this.resyncRequestedAt.keySet().retainAll(this.held.sessions());
	}

	private void retry(UUID sessionId, Channel channel, long now) throws IOException {
		HeldEvents.Held first = this.held.next(sessionId);
		this.held.release(first);
		ApplyOutcome outcome = apply(first.event(), first.message(), channel, true);
		if (outcome == null) {
			return;
		}
		if (outcome != ApplyOutcome.GAP) {
			applyHeldSuccessors(first.event(), channel);
			return;
		}
		this.held.hold(first);
		List<HeldEvents.Held> waiting = this.held.of(sessionId);
		long waited = now - waiting.stream().mapToLong(HeldEvents.Held::heldSince).min().orElse(now);
		if (waited >= this.properties.heldTimeout().toMillis()) {
			logger.error("Dead-lettering {} events of session {}: the event before #{} has not come in {} ms",
					waiting.size(), sessionId, first.event().seq(), waited);
			for (HeldEvents.Held stuck : waiting) {
				this.held.release(stuck);
				channel.basicReject(stuck.deliveryTag(), false);
				this.metrics.eventDeadLettered("gap");
			}
			requestResync(sessionId, appliedSeq(sessionId), first.event().seq(), ResyncRequested.Reason.GAP, channel);
		}
		else if (waited >= this.properties.resyncAfter().toMillis() && now
				- this.resyncRequestedAt.getOrDefault(sessionId, 0L) >= this.properties.resyncAfter().toMillis()) {
			requestResync(sessionId, appliedSeq(sessionId), first.event().seq(), ResyncRequested.Reason.GAP, channel);
		}
	}

	/**
	 * Asks session-service to write the session's state into Redis again. Losing one
	 * request costs only time: it is repeated while the session stays stuck.
	 */
	private void requestResync(UUID sessionId, long appliedSeq, long waitingSeq, ResyncRequested.Reason reason,
			Channel channel) {
		this.resyncRequestedAt.put(sessionId, now());
		ResyncRequested request = new ResyncRequested(sessionId, appliedSeq, waitingSeq, reason, Instant.now());
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		try {
			channel.basicPublish("", this.properties.resyncQueue(),
					this.propertiesConverter.fromMessageProperties(properties, StandardCharsets.UTF_8.name()),
					this.mapper.writeValueAsBytes(request));
			this.metrics.resyncRequested(reason.name().toLowerCase(Locale.ROOT));
			logger.warn("Asked session-service to resynchronise session {} (Redis at #{}, #{} waits: {})", sessionId,
					appliedSeq, waitingSeq, reason);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not ask for a resync of session {}: {}", sessionId, ex.toString());
		}
	}

	private long appliedSeq(UUID sessionId) {
		try {
			Long seq = this.store.seq(sessionId).block(this.properties.redisTimeout());
			return (seq != null) ? seq : 0;
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Since when the event in this message has been held: the header of a trip round the
	 * queue, or now.
	 */
	private long heldSince(Message message) {
		Object since = message.getMessageProperties().getHeaders().get(HELD_SINCE_HEADER);
		if (since != null) {
			try {
				return Long.parseLong(since.toString());
			}
			catch (NumberFormatException ex) {
				// Not ours: the wait starts now.
			}
		}
		return now();
	}

	/**
	 * The routing key the event was published with: an event sent round the queue came
	 * through the default exchange, so it carries the original in a header.
	 */
	private static String routingKey(Message message) {
		Object original = message.getMessageProperties().getHeaders().get(ROUTING_KEY_HEADER);
		return (original != null) ? original.toString() : message.getMessageProperties().getReceivedRoutingKey();
	}

	private int heldLimit() {
		return Math.max(1, this.properties.prefetch() - 1);
	}

	/**
	 * The event in a message, by its routing key; throws if it is not one this version
	 * reads.
	 */
	static SessionEvent decode(Message message, ObjectMapper mapper) {
		Object version = message.getMessageProperties().getHeaders().get(SessionEvent.VERSION_HEADER);
		if (version != null && Integer.parseInt(version.toString()) > SessionEvent.VERSION) {
			throw new IllegalArgumentException("Event version " + version + " is newer than " + SessionEvent.VERSION);
		}
		Class<? extends SessionEvent> type = RoutingKeys.eventType(routingKey(message));
		return mapper.readValue(message.getBody(), type);
	}

	private void pause() {
		sleep(this.properties.gapRetryDelay().toMillis());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long now() {
		return System.currentTimeMillis();
	}

	/** One event of one session, whichever delivery brings it. */
	private record EventId(UUID sessionId, long seq) {
	}

}
