package dev.vanguard.realtime.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.RealtimeProperties;
import dev.vanguard.realtime.connection.ClientSocket;
import dev.vanguard.realtime.connection.Delivery;
import dev.vanguard.realtime.game.Catchups;
import dev.vanguard.realtime.protocol.CloseCode;
import dev.vanguard.realtime.protocol.FrameCodec;
import dev.vanguard.realtime.protocol.ServerFrame;
import dev.vanguard.realtime.store.SessionStore;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The sessions that have connections on this instance, and the Redis fan-out to them.
 *
 * <p>
 * A session is subscribed (one channel per session) when its first local connection
 * arrives and unsubscribed when its last leaves. Each message heard is parsed and
 * serialised into frame bytes once, then handed to the session's connections. Missed
 * messages (a Redis reconnect) are noticed by a seq gap or by comparing the session's seq
 * in Redis with the last one heard; either way every local connection of the session gets
 * a fresh catch-up, so no client is left deaf.
 */
@Component
public class LocalSessions implements SmartLifecycle {

	/**
	 * Before the web server starts and after it stopped: a socket never meets a fan-out
	 * that has not started or has already stopped (the Redis connection factory, phase 0,
	 * starts earlier still).
	 */
	public static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;

	private static final Logger logger = LoggerFactory.getLogger(LocalSessions.class);

	/**
	 * The most joins one roster frame carries (about 40 KB of JSON): more within one
	 * roster interval go out at once, so what a session holds stays bounded.
	 */
	static final int ROSTER_FRAME_MAX_PLAYERS = 500;

	/**
	 * How often a catch-up is read for one connection when each read came out older than
	 * a broadcast the connection was sent meanwhile: each read is a Redis round trip, so
	 * a second one is almost always new enough.
	 */
	private static final int CATCHUP_READS = 3;

	private final Map<UUID, LocalSession> sessions = new ConcurrentHashMap<>();

	private final LettuceConnectionFactory redisConnections;

	private final RealtimeProperties properties;

	private final ObjectMapper mapper;

	private final FrameCodec codec;

	private final SessionStore store;

	private final Catchups catchups;

	private final RealtimeMetrics metrics;

	private volatile Subscriber subscriber;

	private final List<Disposable> timers = new ArrayList<>();

	private volatile boolean running;

	public LocalSessions(LettuceConnectionFactory redisConnections, RealtimeProperties properties, ObjectMapper mapper,
			FrameCodec codec, SessionStore store, Catchups catchups, RealtimeMetrics metrics) {
		this.redisConnections = redisConnections;
		this.properties = properties;
		// Scripts leave out what does not apply; absent numbers and flags read as 0 and
		// false.
		this.mapper = mapper.rebuild().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
		this.codec = codec;
		this.store = store;
		this.catchups = catchups;
		this.metrics = metrics;
		metrics.sessionsInProgress(this.sessions::size);
	}

	/**
	 * The name of this instance's subscriber connection in Redis's {@code CLIENT LIST}.
	 */
	public String subscriberName() {
		return "vanguard-realtime-sub-" + this.properties.instanceId();
	}

	/**
	 * Adds the connection to its session, subscribing the session's channel if it is the
	 * first; completes once the subscription is active, so nothing published after that
	 * is missed.
	 */
	public Mono<Void> join(ClientSocket connection) {
		UUID id = connection.principal().sessionId();
		LocalSession session = this.sessions.compute(id, (key, existing) -> {
			LocalSession joined = (existing != null) ? existing
					: new LocalSession(key, this.subscriber.subscribe(SessionKeys.of(key).channel()));
			joined.add(connection);
			return joined;
		});
		return Mono.fromFuture(session.subscribed(), true).doOnError((ex) -> this.sessions.remove(id, session));
	}

	/** Removes the connection; the last one of a session unsubscribes its channel. */
	public void leave(ClientSocket connection) {
		this.sessions.computeIfPresent(connection.principal().sessionId(), (key, session) -> {
			if (session.remove(connection)) {
				this.subscriber.unsubscribe(SessionKeys.of(key).channel());
				return null;
			}
			return session;
		});
	}

	/** Sends the connection its catch-up, after which its live frames flow. */
	public Mono<ServerFrame.Catchup> catchUp(ClientSocket connection) {
		return catchUp(connection, CATCHUP_READS);
	}

	/**
	 * Reads the catch-up again while the one read is older than a broadcast the
	 * connection was sent meanwhile, {@code reads} times at most.
	 */
	private Mono<ServerFrame.Catchup> catchUp(ClientSocket connection, int reads) {
		return this.catchups.catchup(connection.principal()).doOnNext((catchup) -> {
			LocalSession session = this.sessions.get(connection.principal().sessionId());
			if (session != null) {
				session.caughtUp(catchup.seq());
				session.track(catchup);
			}
			connection.start(catchup, () -> {
				if (reads > 1) {
					catchUp(connection, reads - 1).subscribe(null, (ex) -> logger
						.warn("Catch-up of a connection of session {} failed", connection.principal().sessionId(), ex));
				}
				else {
					logger.warn("Every catch-up read for a connection of session {} was older than its broadcasts",
							connection.principal().sessionId());
				}
			});
		});
	}

	/** The last seq this instance heard of the session (0 when it knows none). */
	public long lastSeq(UUID sessionId) {
		LocalSession session = this.sessions.get(sessionId);
		return (session != null) ? session.lastSeq() : 0;
	}

	/** Every connection on this instance (for shutdown). */
	public List<ClientSocket> connections() {
		List<ClientSocket> all = new ArrayList<>();
		this.sessions.values().forEach((session) -> session.forEach(all::add));
		return all;
	}

	void onMessage(String channel, byte[] message) {
		UUID id = SessionKeys.sessionOf(channel);
		LocalSession session = (id != null) ? this.sessions.get(id) : null;
		if (session == null) {
			return;
		}
		Broadcast broadcast;
		try {
			broadcast = this.mapper.readValue(message, Broadcast.class);
		}
		catch (RuntimeException ex) {
			logger.error("Unreadable broadcast on {}", channel, ex);
			return;
		}
		if (broadcast.announce() != null) {
			Broadcast.Announce announce = broadcast.announce();
			session.forPrincipal(UUID.fromString(announce.principal()),
					(connection) -> connection.announced(announce.connection()));
			return;
		}
		if (broadcast.seq() == null) {
			return;
		}
		boolean gap = session.advance(broadcast.seq());
		ServerFrame all = broadcast.frameForAll();
		if (all != null) {
			session.track(all);
		}
		if (broadcast.joined() != null) {
			hold(session, broadcast.seq(), broadcast.joined());
		}
		else {
			if (broadcast.host() instanceof ServerFrame.PlayerKicked kicked) {
				session.counted(kicked.seq(), kicked.playerCount());
			}
			Delivery delivery = prepare(broadcast, all);
			try {
				synchronized (session.rosterLock()) {
					// the joins held so far happened before this broadcast:
					// the host hears them first
					sendHeldJoins(session);
					session.deliver(delivery);
				}
			}
			finally {
				delivery.release();
			}
		}
		if (gap) {
			logger.info("Missed a broadcast of session {}; sending catch-ups", id);
			resync(session);
		}
	}

	/**
	 * A join goes to the host screens in the next roster frame, at most one per roster
	 * interval, so a join storm costs the host's browser a few frames a second rather
	 * than one per player; a full batch goes at once, so what is held stays bounded.
	 */
	private void hold(LocalSession session, long seq, Broadcast.Joined joined) {
		session.counted(seq, joined.playerCount());
		ServerFrame.JoinedPlayer player = new ServerFrame.JoinedPlayer(UUID.fromString(joined.playerId()),
				joined.nickname());
		synchronized (session.rosterLock()) {
			if (session.holdJoin(seq, player, joined.playerCount()) >= ROSTER_FRAME_MAX_PLAYERS) {
				sendHeldJoins(session);
			}
		}
	}

	/** Sends the held joins to the host screens as one frame. Under the roster lock. */
	private void sendHeldJoins(LocalSession session) {
		ServerFrame.PlayersJoined frame = session.takeJoins();
		if (frame == null) {
			return;
		}
		// no createdAt: the broadcast latency metric measures the event path, and this
		// frame waits for the roster interval on purpose
		deliverOnce(session, new Delivery(frame.seq(), 0, null, this.codec.encode(frame), null, null, null, false));
	}

	/** Hands a delivery made for this one send to the session, then lets its bytes go. */
	private static void deliverOnce(LocalSession session, Delivery delivery) {
		try {
			session.deliver(delivery);
		}
		finally {
			delivery.release();
		}
	}

	private void sendRosters() {
		this.sessions.values().forEach((session) -> {
			synchronized (session.rosterLock()) {
				sendHeldJoins(session);
			}
		});
	}

	/**
	 * Tells the players in each lobby how many have joined, at most every interval and
	 * only when the count changed: the number only, never who (the roster is the host's).
	 */
	private void sendPlayerCounts() {
		this.sessions.values().forEach((session) -> {
			ServerFrame.PlayerCount count = session.playerCountNews();
			if (count == null) {
				return;
			}
			deliverOnce(session, new Delivery(count.seq(), 0, null, null, this.codec.encode(count), null, null, false));
		});
	}

	private Delivery prepare(Broadcast broadcast, ServerFrame all) {
		long seq = broadcast.seq();
		ByteBuf allBytes = null;
		ByteBuf hostBytes = null;
		if (all != null) {
			if (all instanceof ServerFrame.Question question) {
				all = question.withServerTime(System.currentTimeMillis());
			}
			allBytes = this.codec.encode(all);
		}
		if (broadcast.host() != null) {
			hostBytes = this.codec.encode(broadcast.host());
		}
		return new Delivery(seq, (broadcast.createdAt() != null) ? broadcast.createdAt() : 0, allBytes, hostBytes, null,
				broadcast.personalFrames(), (broadcast.kick() != null) ? UUID.fromString(broadcast.kick()) : null,
				Boolean.TRUE.equals(broadcast.end()));
	}

	/**
	 * Sends every local connection of the session a fresh catch-up, and subscribes its
	 * channel again: after a Redis Cluster failover the channel's slot has a new master,
	 * whose SSUBSCRIBE this instance may not hold yet (subscribing twice is harmless).
	 */
	private void resync(LocalSession session) {
		this.subscriber.subscribe(SessionKeys.of(session.id()).channel());
		session.forEach((connection) -> this.catchUp(connection)
			.subscribe(null, (ex) -> logger.warn("Catch-up of a connection of session {} failed", session.id(), ex)));
	}

	/**
	 * Finds sessions whose seq in Redis moved on without this instance hearing it, and
	 * sessions whose state session-service rebuilt (Redis lost it) since the previous
	 * check: a rebuild keeps the seq, but what the phones were shown (an accepted answer)
	 * may be gone.
	 */
	private void reconcile() {
		try {
			this.subscriber.reconnectIfClosed();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not open the Pub/Sub connection again", ex);
		}
		this.sessions.values().forEach((session) -> this.store.version(session.id()).subscribe((version) -> {
			boolean missed = session.missedSince(version.seq());
			boolean rebuilt = session.rebuiltSince(version.rebuildId());
			if (missed) {
				logger.info("Session {} is at seq {} but this instance heard {}; sending catch-ups", session.id(),
						version.seq(), session.lastSeq());
			}
			if (rebuilt) {
				logger.info("Session {} was rebuilt (at seq {}); sending catch-ups", session.id(), version.seq());
			}
			if (missed || rebuilt) {
				resync(session);
			}
		}, (ex) -> logger.debug("Could not check session {}", session.id(), ex)));
	}

	/**
	 * Re-asserts this instance's online players of every local session. The same script
	 * drops the players of instances that stopped re-asserting theirs (they crashed), so
	 * session-service never waits for the answers of players nobody holds a socket of.
	 */
	private void onlineHeartbeat() {
		this.sessions.keySet()
			.forEach((id) -> this.store.onlineHeartbeat(id)
				.subscribe(null, (ex) -> logger.debug("Could not refresh who is online in {}", id, ex)));
	}

	/**
	 * Tells each host how many players answered the open question, at most every
	 * interval.
	 */
	private void countAnswers() {
		this.sessions.values().forEach((session) -> {
			int index = session.openQuestion();
			if (index < 0 || !session.hasHost()) {
				return;
			}
			this.store.answerCount(session.id(), index).subscribe((counts) -> {
				if (session.openQuestion() == index && session.answerCountChanged(counts[0])) {
					ServerFrame frame = new ServerFrame.AnswerCount(session.lastSeq(), index, counts[0], counts[1]);
					session.forEachHost((connection) -> connection.send(frame));
				}
			}, (ex) -> logger.debug("Could not count answers of session {}", session.id(), ex));
		});
	}

	/** Closes every local connection (shutdown). */
	public void closeAll(CloseCode code) {
		connections().forEach((connection) -> connection.close(code));
	}

	@Override
	public void start() {
		this.subscriber = new Subscriber(this.redisConnections, subscriberName(), this::onMessage,
				() -> this.sessions.keySet().stream().map((id) -> SessionKeys.of(id).channel()).toList());
		// connected now, so that a Redis that cannot be reached fails the start as before
		this.subscriber.reconnectIfClosed();
		this.timers.add(interval(this.properties.answerCountInterval(), this::countAnswers));
		this.timers.add(interval(this.properties.rosterInterval(), this::sendRosters));
		this.timers.add(interval(this.properties.playerCountInterval(), this::sendPlayerCounts));
		this.timers.add(interval(this.properties.resyncInterval(), this::reconcile));
		this.timers.add(interval(this.properties.onlineHeartbeat(), this::onlineHeartbeat));
		this.running = true;
	}

	private static Disposable interval(Duration period, Runnable task) {
		return Flux.interval(period, period, Schedulers.parallel()).subscribe((tick) -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Periodic task failed", ex);
			}
		});
	}

	@Override
	public void stop() {
		this.timers.forEach(Disposable::dispose);
		this.timers.clear();
		if (this.subscriber != null) {
			this.subscriber.close();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
