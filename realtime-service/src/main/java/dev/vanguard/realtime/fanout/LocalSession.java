package dev.vanguard.realtime.fanout;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.EventLoop;

import dev.vanguard.realtime.connection.ClientSocket;
import dev.vanguard.realtime.connection.Delivery;
import dev.vanguard.realtime.protocol.ServerFrame;

/**
 * The connections of one session on this instance, grouped by event loop: a broadcast
 * costs the receiving thread one task per event loop, and each loop then writes its own
 * sockets, so the writes of a broadcast run on every core at once.
 */
final class LocalSession {

	private final UUID id;

	private final CompletableFuture<Void> subscribed;

	private final Map<EventLoop, Set<ClientSocket>> byLoop = new ConcurrentHashMap<>();

	/**
	 * The same connections by player or host id: every new socket announces itself on the
	 * session's channel, and looking its older sockets up by id keeps a mass connect
	 * linear.
	 */
	private final Map<UUID, Set<ClientSocket>> byPrincipal = new ConcurrentHashMap<>();

	private final AtomicInteger size = new AtomicInteger();

	/** The host screens among the connections: the only readers of host-only frames. */
	private final Set<ClientSocket> hosts = ConcurrentHashMap.newKeySet();

	/**
	 * The highest seq this instance knows was applied (from broadcasts and catch-ups).
	 */
	private final AtomicLong lastSeq = new AtomicLong();

	/** The open question, -1 when none is open; drives the host's answer count. */
	private volatile int openQuestion = -1;

	private volatile int lastAnswerCount = -1;

	private volatile boolean suspect;

	LocalSession(UUID id, CompletableFuture<Void> subscribed) {
		this.id = id;
		this.subscribed = subscribed;
	}

	UUID id() {
		return this.id;
	}

	CompletableFuture<Void> subscribed() {
		return this.subscribed;
	}

	void add(ClientSocket connection) {
		this.byLoop.computeIfAbsent(connection.eventLoop(), (loop) -> ConcurrentHashMap.newKeySet()).add(connection);
		this.byPrincipal.compute(connection.principal().id(), (id, connections) -> {
			Set<ClientSocket> set = (connections != null) ? connections : ConcurrentHashMap.newKeySet();
			set.add(connection);
			return set;
		});
		this.size.incrementAndGet();
		if (connection.principal().isHost()) {
			this.hosts.add(connection);
		}
	}

	/** Removes the connection; true when it was the last one. */
	boolean remove(ClientSocket connection) {
		this.byPrincipal.computeIfPresent(connection.principal().id(), (id, connections) -> {
			connections.remove(connection);
			return connections.isEmpty() ? null : connections;
		});
		Set<ClientSocket> group = this.byLoop.get(connection.eventLoop());
		if (group != null && group.remove(connection)) {
			this.hosts.remove(connection);
			return this.size.decrementAndGet() == 0;
		}
		return this.size.get() == 0;
	}

	boolean hasHost() {
		return !this.hosts.isEmpty();
	}

	long lastSeq() {
		return this.lastSeq.get();
	}

	/**
	 * Records that state up to {@code seq} reached this instance; true when it left a
	 * gap.
	 */
	boolean advance(long seq) {
		long previous = this.lastSeq.getAndAccumulate(seq, Math::max);
		return previous > 0 && seq > previous + 1;
	}

	void caughtUp(long seq) {
		this.lastSeq.accumulateAndGet(seq, Math::max);
	}

	/** Follows the session's status from the frames that pass through. */
	void track(ServerFrame frame) {
		switch (frame) {
			case ServerFrame.Question q -> {
				this.lastAnswerCount = -1;
				this.openQuestion = q.questionIndex();
			}
			case ServerFrame.Catchup c -> this.openQuestion = "QUESTION".equals(c.status()) ? c.questionIndex() : -1;
			case ServerFrame.Reveal r -> this.openQuestion = -1;
			case ServerFrame.Podium p -> this.openQuestion = -1;
			case ServerFrame.SessionEnded e -> this.openQuestion = -1;
			default -> {
			}
		}
	}

	int openQuestion() {
		return this.openQuestion;
	}

	/** Whether {@code count} is news to the host (and remembers it). */
	boolean answerCountChanged(int count) {
		if (count == this.lastAnswerCount) {
			return false;
		}
		this.lastAnswerCount = count;
		return true;
	}

	boolean suspect(boolean behind) {
		boolean wasSuspect = this.suspect;
		this.suspect = behind;
		return behind && wasSuspect;
	}

	/**
	 * Hands the broadcast to every connection, one task per event loop; a host-only one
	 * (a join during a join storm) only to the host screens.
	 */
	void deliver(Delivery delivery) {
		if (delivery.hostOnly()) {
			for (ClientSocket host : this.hosts) {
				delivery.retain();
				host.eventLoop().execute(() -> {
					try {
						host.deliver(delivery);
					}
					finally {
						delivery.release();
					}
				});
			}
			return;
		}
		this.byLoop.forEach((loop, group) -> {
			if (group.isEmpty()) {
				return;
			}
			delivery.retain();
			loop.execute(() -> {
				try {
					for (ClientSocket connection : group) {
						connection.deliver(delivery);
					}
				}
				finally {
					delivery.release();
				}
			});
		});
	}

	/** Applies {@code action} to the connections of one player or host. */
	void forPrincipal(UUID principalId, java.util.function.Consumer<ClientSocket> action) {
		Set<ClientSocket> connections = this.byPrincipal.get(principalId);
		if (connections != null) {
			connections.forEach(action);
		}
	}

	void forEachHost(java.util.function.Consumer<ClientSocket> action) {
		this.hosts.forEach(action);
	}

	void forEach(java.util.function.Consumer<ClientSocket> action) {
		this.byLoop.values().forEach((group) -> group.forEach(action));
	}

}
