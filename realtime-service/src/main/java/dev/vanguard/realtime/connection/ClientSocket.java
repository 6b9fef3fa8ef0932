package dev.vanguard.realtime.connection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import reactor.netty.http.websocket.WebsocketOutbound;

import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.protocol.CloseCode;
import dev.vanguard.realtime.protocol.FrameCodec;
import dev.vanguard.realtime.protocol.ServerFrame;

/**
 * One client socket and its writer.
 *
 * <p>
 * Everything that touches the socket or the send queue runs on the connection's Netty
 * event loop, so the queue needs no lock and each socket has exactly one writer. Other
 * threads (the broadcaster, the answer path) only hand work over with
 * {@link #execute(Runnable)}. Frames wait in a bounded queue while the socket is not
 * writable (its outbound buffer is above Netty's high-water mark); a queue that
 * overflows, or a socket that stays unwritable past the stall limit, makes the connection
 * a slow consumer, closed with {@link CloseCode#SLOW_CONSUMER} without affecting anyone
 * else.
 *
 * <p>
 * Until its catch-up frame is sent, a connection holds back live broadcasts, and then
 * passes on only those newer than the catch-up, so a client never sees a frame from
 * before the state it was given.
 */
public final class ClientSocket {

	private final String id = UUID.randomUUID().toString();

	private final Principal principal;

	private final Channel channel;

	private final EventLoop loop;

	private final WebsocketOutbound outbound;

	private final FrameCodec codec;

	private final RealtimeMetrics metrics;

	private final Limits limits;

	private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();

	private final List<Object> early = new ArrayList<>();

	private boolean ready;

	private long catchupSeq;

	/**
	 * The newest seq whose state this connection was sent (a catch-up's or a
	 * broadcast's).
	 */
	private long sentSeq;

	private boolean announced;

	private volatile boolean closing;

	private long blockedSince;

	private ScheduledFuture<?> stallCheck;

	public ClientSocket(Principal principal, Channel channel, WebsocketOutbound outbound, FrameCodec codec,
			RealtimeMetrics metrics, Limits limits) {
		this.principal = principal;
		this.channel = channel;
		this.loop = channel.eventLoop();
		this.outbound = outbound;
		this.codec = codec;
		this.metrics = metrics;
		this.limits = limits;
	}

	public String id() {
		return this.id;
	}

	public Principal principal() {
		return this.principal;
	}

	public EventLoop eventLoop() {
		return this.loop;
	}

	/** Runs {@code task} on this connection's event loop. */
	public void execute(Runnable task) {
		if (this.loop.inEventLoop()) {
			task.run();
		}
		else {
			this.loop.execute(task);
		}
	}

	/**
	 * Sends the catch-up frame first, then whatever arrived meanwhile and is newer. Any
	 * thread.
	 *
	 * <p>
	 * A connection already under way gets a fresh catch-up after a gap or a rebuild, read
	 * from Redis while broadcasts go on. One read before a broadcast this connection was
	 * already sent would take the client back to a state it has left (the reveal of the
	 * previous question, with the next one open): it is not sent, and {@code whenStale}
	 * runs instead to read a newer one. One at the same seq is sent (a rebuild keeps the
	 * seq, and what the client was shown may have changed).
	 */
	public void start(ServerFrame.Catchup catchup, Runnable whenStale) {
		ByteBuf frame = this.codec.encode(catchup);
		execute(() -> {
			if (this.closing) {
				frame.release();
				return;
			}
			if (catchup.seq() < this.sentSeq) {
				frame.release();
				whenStale.run();
				return;
			}
			this.catchupSeq = Math.max(this.catchupSeq, catchup.seq());
			this.sentSeq = this.catchupSeq;
			enqueue(frame, 0);
			if (!this.ready) {
				this.ready = true;
				for (Object held : this.early) {
					if (held instanceof Delivery delivery) {
						deliver(delivery);
						delivery.release();
					}
					else {
						enqueue((ByteBuf) held, 0);
					}
				}
				this.early.clear();
			}
		});
	}

	/** Sends one frame addressed to this connection alone. Any thread. */
	public void send(ServerFrame frame) {
		ByteBuf bytes = this.codec.encode(frame);
		execute(() -> {
			if (this.ready || this.closing) {
				enqueue(bytes, 0);
			}
			else {
				hold(bytes);
			}
		});
	}

	/** Hands over one broadcast. Only on this connection's event loop. */
	public void deliver(Delivery delivery) {
		if (this.closing) {
			return;
		}
		if (!this.ready) {
			hold(delivery.retain());
			return;
		}
		if (delivery.seq() <= this.catchupSeq) {
			return;
		}
		this.sentSeq = Math.max(this.sentSeq, delivery.seq());
		long createdAt = delivery.createdAt();
		if (delivery.all() != null) {
			enqueue(delivery.all().retainedDuplicate(), createdAt);
		}
		if (this.principal.isHost()) {
			if (delivery.host() != null) {
				enqueue(delivery.host().retainedDuplicate(), createdAt);
			}
		}
		else {
			if (delivery.players() != null) {
				enqueue(delivery.players().retainedDuplicate(), createdAt);
			}
			if (delivery.personal() != null) {
				ServerFrame own = delivery.personal().apply(this.principal.id());
				if (own != null) {
					enqueue(this.codec.encode(own), createdAt);
				}
			}
		}
		if (!this.principal.isHost() && this.principal.id().equals(delivery.kick())) {
			closeAfterPending(CloseCode.KICKED);
		}
		if (delivery.end()) {
			closeAfterPending(CloseCode.SESSION_OVER);
		}
	}

	/**
	 * Another connection of the same principal announced itself on the session's channel.
	 * The channel orders announcements the same way on every instance, so the last to
	 * announce wins everywhere: an already announced connection yields to a newer one,
	 * never the other way round.
	 */
	public void announced(String connectionId) {
		execute(() -> {
			if (this.id.equals(connectionId)) {
				this.announced = true;
			}
			else if (this.announced) {
				closeAfterPending(CloseCode.REPLACED);
			}
		});
	}

	/**
	 * Closes the connection with {@code code} at once, dropping what is queued. Any
	 * thread.
	 */
	public void close(CloseCode code) {
		execute(() -> closeNow(code));
	}

	/**
	 * Closes the connection with {@code code} once the frames already queued are written.
	 */
	public void closeAfterPending(CloseCode code) {
		execute(() -> {
			if (!this.closing) {
				this.queue.add(new Outgoing(null, 0, code));
				drain();
			}
		});
	}

	/** Keeps an idle socket (and the proxies on its way) alive. On the event loop. */
	public void ping() {
		if (!this.closing && this.channel.isActive()) {
			this.channel.writeAndFlush(new PingWebSocketFrame(), this.channel.voidPromise());
		}
	}

	/** The socket may take more bytes (or may not): resume writing. On the event loop. */
	public void writabilityChanged() {
		if (this.channel.isWritable()) {
			drain();
		}
	}

	/** Releases whatever is still held once the socket is gone. */
	public void disposed() {
		execute(() -> {
			this.closing = true;
			releaseAll();
		});
	}

	private void hold(Object item) {
		this.early.add(item);
		if (this.early.size() > this.limits.queueCapacity()) {
			overflow();
		}
	}

	private void enqueue(ByteBuf frame, long createdAt) {
		if (this.closing) {
			frame.release();
			return;
		}
		if (this.queue.size() >= this.limits.queueCapacity()) {
			frame.release();
			overflow();
			return;
		}
		this.queue.add(new Outgoing(frame, createdAt, null));
		drain();
	}

	private void drain() {
		int written = 0;
		long now = 0;
		while (!this.queue.isEmpty() && !this.closing) {
			if (!this.channel.isWritable()) {
				if (written > 0) {
					this.channel.flush();
				}
				if (!this.channel.isWritable()) {
					blocked();
					break;
				}
			}
			Outgoing next = this.queue.poll();
			if (next.close() != null) {
				if (written > 0) {
					this.channel.flush();
					written = 0;
				}
				closeNow(next.close());
				break;
			}
			this.channel.write(new TextWebSocketFrame(next.frame()), this.channel.voidPromise());
			written++;
			if (next.createdAt() > 0) {
				if (now == 0) {
					now = System.currentTimeMillis();
				}
				this.metrics.broadcastLatency(now - next.createdAt());
			}
		}
		if (written > 0) {
			this.channel.flush();
			this.metrics.messagesSent(written);
		}
		if (this.queue.isEmpty()) {
			unblocked();
		}
	}

	private void blocked() {
		if (this.blockedSince == 0) {
			this.blockedSince = System.nanoTime();
			scheduleStallCheck(this.limits.stallNanos());
		}
	}

	private void scheduleStallCheck(long delayNanos) {
		this.stallCheck = this.loop.schedule(this::checkStall, delayNanos, TimeUnit.NANOSECONDS);
	}

	private void unblocked() {
		this.blockedSince = 0;
		if (this.stallCheck != null) {
			this.stallCheck.cancel(false);
			this.stallCheck = null;
		}
	}

	private void checkStall() {
		this.stallCheck = null;
		if (this.blockedSince == 0 || this.closing) {
			return;
		}
		long waited = System.nanoTime() - this.blockedSince;
		if (waited >= this.limits.stallNanos()) {
			overflow();
		}
		else {
			scheduleStallCheck(this.limits.stallNanos() - waited);
		}
	}

	private void overflow() {
		if (!this.closing) {
			this.metrics.sendQueueOverflow();
			closeNow(CloseCode.SLOW_CONSUMER);
		}
	}

	private void closeNow(CloseCode code) {
		if (this.closing) {
			return;
		}
		this.closing = true;
		releaseAll();
		this.metrics.connectionClosed(Integer.toString(code.code()));
		if (!this.channel.isActive()) {
			return;
		}
		this.outbound.sendClose(code.code(), code.reason()).subscribe(null, (ex) -> this.channel.close());
		// A client that reads nothing never lets the close frame out: drop it anyway.
		this.loop.schedule(() -> {
			this.channel.close();
		}, this.limits.closeGraceNanos(), TimeUnit.NANOSECONDS);
	}

	private void releaseAll() {
		unblocked();
		for (Outgoing outgoing : this.queue) {
			if (outgoing.frame() != null) {
				outgoing.frame().release();
			}
		}
		this.queue.clear();
		for (Object held : this.early) {
			if (held instanceof Delivery delivery) {
				delivery.release();
			}
			else {
				((ByteBuf) held).release();
			}
		}
		this.early.clear();
	}

	/**
	 * The per-connection limits.
	 *
	 * @param queueCapacity frames waiting at most
	 * @param stallNanos how long the socket may stay unwritable
	 * @param closeGraceNanos how long a close frame may take
	 */
	public record Limits(int queueCapacity, long stallNanos, long closeGraceNanos) {
	}

	private record Outgoing(ByteBuf frame, long createdAt, CloseCode close) {
	}

}
