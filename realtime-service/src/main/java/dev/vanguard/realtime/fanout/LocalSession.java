package dev.vanguard.realtime.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;

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

	/** The seq of the frame {@link #track} last took the status from. */
	private long statusSeq;

	/** The open question, -1 when none is open; drives the host's answer count. */
	private volatile int openQuestion = -1;

	private volatile int lastAnswerCount = -1;

	/** The session's seq in Redis at the previous reconciliation. */
	private volatile long reconciledSeq;

	/**
	 * The state's rebuildId at the previous reconciliation ("" when none), null before
	 * the first.
	 */
	private volatile @Nullable String reconciledRebuild;

	/** Whether the session is in its lobby, where players hear the player count. */
	private volatile boolean lobby;

	/**
	 * Orders the host's roster frames against every other broadcast: the held joins go
	 * out before anything published after them (a kick of one of them, the first
	 * question).
	 */
	private final Object rosterLock = new Object();

	/**
	 * Joins the host screens have not heard yet, in seq order (guarded by rosterLock).
	 */
	private final List<ServerFrame.JoinedPlayer> heldJoins = new ArrayList<>();

	private long heldJoinsSeq;

	private int heldJoinsCount;

	/** The latest player count heard with its seq, and the last one the players got. */
	private final AtomicReference<Count> playerCount = new AtomicReference<>(new Count(0, 0));

	private volatile long playerCountSentSeq;

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

	/**
	 * Follows the session's status from the frames that pass through. Broadcasts come in
	 * seq order, but a catch-up is read from Redis while they flow and may come after a
	 * newer one: a frame older than the one the status was last taken from is ignored.
	 */
	synchronized void track(ServerFrame frame) {
		if (frame.seq() < this.statusSeq) {
			return;
		}
		this.statusSeq = frame.seq();
		switch (frame) {
			case ServerFrame.Lobby l -> this.lobby = true;
			case ServerFrame.Question q -> {
				this.lastAnswerCount = -1;
				this.openQuestion = q.questionIndex();
				this.lobby = false;
			}
			case ServerFrame.Catchup c -> {
				this.openQuestion = "QUESTION".equals(c.status()) ? c.questionIndex() : -1;
				this.lobby = "LOBBY".equals(c.status());
				counted(c.seq(), c.playerCount());
			}
			case ServerFrame.Reveal r -> this.openQuestion = -1;
			case ServerFrame.Podium p -> this.openQuestion = -1;
			case ServerFrame.SessionEnded e -> {
				this.openQuestion = -1;
				this.lobby = false;
			}
			default -> {
			}
		}
	}

	/** Records the player count as of {@code seq}, unless a later one is known. */
	void counted(long seq, int count) {
		this.playerCount.accumulateAndGet(new Count(seq, count),
				(known, heard) -> (heard.seq > known.seq) ? heard : known);
	}

	/**
	 * The player count frame the players have not had yet, or null: in the lobby only,
	 * and only when the count moved on since the last one sent.
	 */
	ServerFrame.@Nullable PlayerCount playerCountNews() {
		Count count = this.playerCount.get();
		if (!this.lobby || count.seq <= this.playerCountSentSeq || this.size.get() <= this.hosts.size()) {
			return null;
		}
		this.playerCountSentSeq = count.seq;
		return new ServerFrame.PlayerCount(count.seq, count.value);
	}

	Object rosterLock() {
		return this.rosterLock;
	}

	/**
	 * Holds a join for the host screens' next roster frame (only while a host screen is
	 * here: a host connecting later gets the whole roster in its catch-up). Under
	 * {@link #rosterLock()}. Returns how many joins are held.
	 */
	int holdJoin(long seq, ServerFrame.JoinedPlayer player, int count) {
		if (this.hosts.isEmpty()) {
			return 0;
		}
		this.heldJoins.add(player);
		this.heldJoinsSeq = seq;
		this.heldJoinsCount = count;
		return this.heldJoins.size();
	}

	/** The held joins as one frame (and lets go of them), or null. Under rosterLock. */
	ServerFrame.@Nullable PlayersJoined takeJoins() {
		if (this.heldJoins.isEmpty()) {
			return null;
		}
		ServerFrame.PlayersJoined frame = new ServerFrame.PlayersJoined(this.heldJoinsSeq, List.copyOf(this.heldJoins),
				this.heldJoinsCount);
		this.heldJoins.clear();
		return frame;
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

	/**
	 * Whether a broadcast was missed, given the session's seq in Redis now: only when a
	 * seq Redis had already applied at the previous check has still not been heard.
	 * During a burst Redis is always a little ahead of the broadcasts in flight; that is
	 * no reason for a catch-up.
	 */
	boolean missedSince(long redisSeq) {
		long previous = this.reconciledSeq;
		this.reconciledSeq = redisSeq;
		return previous > lastSeq();
	}

	/**
	 * Whether session-service rebuilt the session's state since the previous check (and
	 * remembers {@code rebuildId}): the id differs from the one seen then. The first
	 * check only learns it; a state that vanished and came back rebuilt reads "" in
	 * between, or a new id straight away.
	 */
	boolean rebuiltSince(String rebuildId) {
		String previous = this.reconciledRebuild;
		this.reconciledRebuild = rebuildId;
		return previous != null && !previous.equals(rebuildId);
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

	private record Count(long seq, int value) {
	}

}
