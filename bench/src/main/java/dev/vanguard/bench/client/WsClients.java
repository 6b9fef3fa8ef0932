package dev.vanguard.bench.client;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Many WebSocket client connections driven by ONE selector thread: a minimal RFC 6455
 * client (upgrade, unmasked server frames with 7/16/64-bit lengths and fragmentation,
 * masked client frames, ping/pong, close) that speaks either plain WebSocket or the
 * Engine.IO v4 framing of Socket.IO's WebSocket transport.
 *
 * <p>
 * A thread per socket or a heavyweight client object per socket (the JDK's HttpClient
 * WebSocket) would make the load generator the bottleneck; here a delivered frame costs a
 * read, a header parse and a byte search on one thread, and the thread's CPU time is
 * reported so a reader can tell whether the client kept up.
 *
 * <p>
 * A round arms a set of markers; the first text message on each connection that contains
 * all of them records its arrival ({@link System#nanoTime()}, taken once per read, in the
 * same process that triggers the broadcast, so publish-to-arrival needs no clock
 * calibration). Every other method is called from other threads and hands its work to the
 * selector thread.
 */
public final class WsClients implements AutoCloseable {

	/** The wire framing spoken over the WebSocket. */
	public enum Dialect {

		/** Text frames are the messages. */
		PLAIN,

		/**
		 * Engine.IO v4 / Socket.IO: {@code 0} open, {@code 40} connect,
		 * {@code 2}/{@code 3}, {@code 42[…]}.
		 */
		ENGINE_IO

	}

	/** When a connection counts as ready. */
	public enum ReadyWhen {

		/** The server accepted the upgrade (Engine.IO: the namespace is connected). */
		UPGRADED,

		/**
		 * The first text message arrived (a server that greets with a catch-up frame).
		 */
		FIRST_MESSAGE

	}

	/**
	 * Where to connect.
	 *
	 * @param address the server
	 * @param path the request target, query included
	 * @param origin the Origin header, or null for none
	 */
	public record Endpoint(InetSocketAddress address, String path, String origin) {
	}

	/** Largest frame accepted from a server; a bigger one is a protocol error. */
	private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

	/** Upgrades in flight at once, so the server's accept backlog never overflows. */
	private static final int MAX_CONNECTS_IN_FLIGHT = 128;

	/**
	 * A connection not ready by then is given up, so it cannot hold a connect slot
	 * forever.
	 */
	private static final Duration UPGRADE_TIMEOUT = Duration.ofSeconds(20);

	private static final int READ_BUFFER_BYTES = 256 * 1024;

	private static final int CONNECTING = 0;

	private static final int UPGRADING = 1;

	private static final int OPEN = 2;

	private static final int CLOSED = 3;

	private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ENGINE_IO_PONG = { '3' };

	private static final byte[] ENGINE_IO_CONNECT = { '4', '0' };

	private final Dialect dialect;

	private final ReadyWhen readyWhen;

	private final Selector selector;

	private final Thread thread;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);

	private final List<Connection> connections = new ArrayList<>();

	private final Queue<Connection> toConnect = new ArrayDeque<>();

	private final PriorityQueue<ScheduledSend> scheduled = new PriorityQueue<>();

	private final Map<String, Integer> failures = new TreeMap<>();

	private volatile boolean running = true;

	private int inFlight;

	private long lastSweep;

	private int readyCount;

	private int closedCount;

	private volatile int readyPublished;

	private volatile int closedPublished;

	// The armed round: touched only by the selector thread.
	private byte[][] markers;

	private long[] arrivals = new long[0];

	private long[] sentAt = new long[0];

	private int delivered;

	private int expected;

	private CompletableFuture<Integer> roundDone;

	private long messagesReceived;

	private long unmatched;

	private String unmatchedSample;

	private String firstMatch;

	public WsClients(Dialect dialect, ReadyWhen readyWhen) throws IOException {
		this.dialect = dialect;
		this.readyWhen = readyWhen;
		this.selector = Selector.open();
		this.thread = Thread.ofPlatform().name("ws-clients").daemon().start(this::loop);
	}

	/**
	 * Opens one connection per endpoint, at most a bounded number of upgrades at a time.
	 * @return the index of the first of them (the others follow in order)
	 */
	public int connect(List<Endpoint> endpoints) {
		return call(() -> {
			int first = this.connections.size();
			for (Endpoint endpoint : endpoints) {
				Connection connection = new Connection(this.connections.size(), endpoint);
				this.connections.add(connection);
				this.toConnect.add(connection);
			}
			return first;
		});
	}

	/** When each connection became ready (nanoTime), by index; 0 = not (yet). */
	public long[] readyTimes() {
		return call(() -> this.connections.stream().mapToLong((connection) -> connection.readyAt).toArray());
	}

	/**
	 * Waits until {@code count} connections are ready, or until every connection is
	 * either ready or closed; returns the ready count.
	 */
	public int awaitReady(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			int ready = this.readyPublished;
			int total = size();
			if (ready >= count || ready + this.closedPublished >= total) {
				return ready;
			}
			Thread.sleep(20);
		}
		return this.readyPublished;
	}

	public int size() {
		return call(this.connections::size);
	}

	public int readyCount() {
		return this.readyPublished;
	}

	public int closedCount() {
		return this.closedPublished;
	}

	/** Why connections failed or were closed, by reason, counted. */
	public Map<String, Integer> failures() {
		return call(() -> new TreeMap<>(this.failures));
	}

	/**
	 * Arms a round: from now on, the first message of each connection that contains every
	 * marker records its arrival. Returns once the selector thread has armed it, so a
	 * trigger sent afterwards cannot be missed.
	 */
	public CompletableFuture<Integer> arm(List<String> markers) {
		return call(() -> {
			this.markers = markers.stream().map((m) -> m.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
			this.arrivals = new long[this.connections.size()];
			this.sentAt = new long[this.connections.size()];
			this.delivered = 0;
			this.expected = 0;
			this.unmatched = 0;
			this.unmatchedSample = null;
			this.firstMatch = null;
			for (Connection connection : this.connections) {
				if (connection.state == OPEN) {
					this.expected++;
				}
			}
			this.roundDone = new CompletableFuture<>();
			if (this.expected == 0) {
				this.roundDone.complete(0);
			}
			return this.roundDone;
		});
	}

	/**
	 * Sends one text message per connection at the given times (nanoTime), from the
	 * selector thread; the send time is kept for {@link #sentAt()}.
	 * @param atNanos when to send, per connection index (0 = don't send)
	 * @param messages the message per connection index
	 */
	public void schedule(long[] atNanos, List<byte[]> messages) {
		call(() -> {
			for (int i = 0; i < atNanos.length && i < this.connections.size(); i++) {
				if (atNanos[i] != 0) {
					this.scheduled.add(new ScheduledSend(atNanos[i], this.connections.get(i), messages.get(i)));
				}
			}
			return null;
		});
	}

	/** Arrival time (nanoTime) per connection index of the armed round; 0 = none yet. */
	public long[] arrivals() {
		return call(() -> this.arrivals.clone());
	}

	/** Send time (nanoTime) per connection index of the messages scheduled this round. */
	public long[] sentAt() {
		return call(() -> this.sentAt.clone());
	}

	/** Sends a text message on every open connection now. */
	public void sendToAll(byte[] text) {
		call(() -> {
			for (Connection connection : this.connections) {
				if (connection.state == OPEN) {
					send(connection, maskedFrame(0x1, text));
				}
			}
			return null;
		});
	}

	/**
	 * Messages of the armed round that did not match (on connections still waiting for
	 * theirs), and the first of them: what arrived instead of the expected frame.
	 */
	public String unmatched() {
		return call(
				() -> (this.unmatched == 0) ? "none" : this.unmatched + " unmatched, first: " + this.unmatchedSample);
	}

	/** The first message of the armed round that matched, or null. */
	public String firstMatch() {
		return call(() -> this.firstMatch);
	}

	public long messagesReceived() {
		return call(() -> this.messagesReceived);
	}

	/** CPU time of the selector thread so far. */
	public Duration cpuTime() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		return Duration.ofNanos(Math.max(0, threads.getThreadCpuTime(this.thread.threadId())));
	}

	/**
	 * Closes every connection abortively (RST): a load generator that leaves thousands of
	 * sockets in TIME_WAIT runs out of loopback ports between cases.
	 */
	public void disconnectAll() {
		call(() -> {
			for (Connection connection : this.connections) {
				closeQuietly(connection, null);
			}
			this.connections.clear();
			this.toConnect.clear();
			this.scheduled.clear();
			this.inFlight = 0;
			this.readyCount = 0;
			this.closedCount = 0;
			this.readyPublished = 0;
			this.closedPublished = 0;
			this.failures.clear();
			this.arrivals = new long[0];
			this.sentAt = new long[0];
			this.roundDone = null;
			return null;
		});
	}

	@Override
	public void close() {
		if (!this.running) {
			return;
		}
		disconnectAll();
		this.running = false;
		this.selector.wakeup();
		try {
			this.thread.join(5000);
			this.selector.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

	private <T> T call(Supplier<T> work) {
		if (Thread.currentThread() == this.thread) {
			return work.get();
		}
		CompletableFuture<T> result = new CompletableFuture<>();
		this.tasks.add(() -> {
			try {
				result.complete(work.get());
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		this.selector.wakeup();
		try {
			return result.get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void loop() {
		while (this.running) {
			try {
				Runnable task;
				while ((task = this.tasks.poll()) != null) {
					task.run();
				}
				startConnects();
				expireStalledUpgrades();
				this.selector.select(this::onSelected, sendDue());
				this.readyPublished = this.readyCount;
				this.closedPublished = this.closedCount;
			}
			catch (IOException | RuntimeException ex) {
				// One bad socket must not stop the load generator; its connection is
				// closed.
				fail(null, ex.getClass().getSimpleName());
			}
		}
	}

	/**
	 * Sends what is due within the next millisecond (select cannot sleep for less, and
	 * spinning would steal a core from the server under test); returns how long select
	 * may block. The recorded send time is the real one.
	 */
	private long sendDue() {
		long horizon = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
		ScheduledSend next;
		while ((next = this.scheduled.peek()) != null && next.atNanos <= horizon) {
			this.scheduled.poll();
			Connection connection = next.connection;
			if (connection.state == OPEN) {
				if (connection.id < this.sentAt.length) {
					this.sentAt[connection.id] = System.nanoTime();
				}
				send(connection, maskedFrame(0x1, next.message));
			}
		}
		if (next == null) {
			return 1000;
		}
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next.atNanos - System.nanoTime()));
	}

	private void expireStalledUpgrades() {
		long now = System.nanoTime();
		if (this.inFlight == 0 || now - this.lastSweep < TimeUnit.SECONDS.toNanos(1)) {
			return;
		}
		this.lastSweep = now;
		for (Connection connection : this.connections) {
			if (connection.inFlight && now - connection.startedAt > UPGRADE_TIMEOUT.toNanos()) {
				fail(connection, "no upgrade within " + UPGRADE_TIMEOUT.toSeconds() + " s");
			}
		}
	}

	private void startConnects() {
		while (this.inFlight < MAX_CONNECTS_IN_FLIGHT && !this.toConnect.isEmpty()) {
			Connection connection = this.toConnect.poll();
			try {
				SocketChannel channel = SocketChannel.open();
				channel.configureBlocking(false);
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				channel.setOption(StandardSocketOptions.SO_LINGER, 0);
				connection.channel = channel;
				this.inFlight++;
				connection.inFlight = true;
				connection.startedAt = System.nanoTime();
				if (channel.connect(connection.endpoint.address())) {
					connection.key = channel.register(this.selector, SelectionKey.OP_READ, connection);
					startUpgrade(connection);
				}
				else {
					connection.key = channel.register(this.selector, SelectionKey.OP_CONNECT, connection);
				}
			}
			catch (IOException ex) {
				fail(connection, "connect: " + ex.getMessage());
			}
		}
	}

	private void onSelected(SelectionKey key) {
		Connection connection = (Connection) key.attachment();
		try {
			if (!key.isValid()) {
				return;
			}
			if (key.isConnectable()) {
				connection.channel.finishConnect();
				key.interestOps(SelectionKey.OP_READ);
				startUpgrade(connection);
				return;
			}
			if (key.isWritable()) {
				flush(connection);
			}
			if (key.isValid() && key.isReadable()) {
				read(connection);
			}
		}
		catch (IOException ex) {
			fail(connection, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private void startUpgrade(Connection connection) {
		connection.state = UPGRADING;
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		connection.webSocketKey = Base64.getEncoder().encodeToString(nonce);
		InetSocketAddress address = connection.endpoint.address();
		StringBuilder request = new StringBuilder(256).append("GET ")
			.append(connection.endpoint.path())
			.append(" HTTP/1.1\r\nHost: ")
			.append(address.getHostString())
			.append(':')
			.append(address.getPort())
			.append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ")
			.append(connection.webSocketKey)
			.append("\r\nSec-WebSocket-Version: 13\r\n");
		if (connection.endpoint.origin() != null) {
			request.append("Origin: ").append(connection.endpoint.origin()).append("\r\n");
		}
		request.append("\r\n");
		send(connection, ByteBuffer.wrap(request.toString().getBytes(StandardCharsets.US_ASCII)));
	}

	private void read(Connection connection) throws IOException {
		long now = System.nanoTime();
		ByteBuffer buffer = this.readBuffer;
		if (connection.pendingLength > READ_BUFFER_BYTES / 2) {
			// A frame larger than the shared buffer: this connection reads into its own.
			if (connection.pending.length < connection.pendingLength * 2) {
				connection.pending = Arrays.copyOf(connection.pending, connection.pendingLength * 2);
			}
			buffer = ByteBuffer.wrap(connection.pending);
			buffer.position(connection.pendingLength);
		}
		else {
			buffer.clear();
			if (connection.pendingLength > 0) {
				buffer.put(connection.pending, 0, connection.pendingLength);
			}
		}
		int read = connection.channel.read(buffer);
		if (read < 0) {
			fail(connection, (connection.state == OPEN) ? "closed by server without a close frame"
					: "closed by server during the upgrade");
			return;
		}
		byte[] bytes = buffer.array();
		int end = buffer.position();
		int offset = 0;
		if (connection.state == UPGRADING) {
			int headerEnd = indexOf(bytes, 0, end, HEADER_END);
			if (headerEnd < 0) {
				keepPending(connection, bytes, 0, end);
				return;
			}
			if (!upgraded(connection, new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1))) {
				return;
			}
			offset = headerEnd + HEADER_END.length;
		}
		int consumed = parseFrames(connection, bytes, offset, end, now);
		if (connection.state != CLOSED) {
			keepPending(connection, bytes, consumed, end);
		}
	}

	private void keepPending(Connection connection, byte[] bytes, int from, int to) {
		int length = to - from;
		if (length == 0) {
			connection.pendingLength = 0;
			return;
		}
		if (connection.pending == null || connection.pending.length < length) {
			connection.pending = new byte[Math.max(length, 1024)];
		}
		System.arraycopy(bytes, from, connection.pending, 0, length);
		connection.pendingLength = length;
	}

	private boolean upgraded(Connection connection, String header) {
		int firstLineEnd = header.indexOf("\r\n");
		String statusLine = (firstLineEnd < 0) ? header : header.substring(0, firstLineEnd);
		if (!statusLine.startsWith("HTTP/1.1 101")) {
			fail(connection, "upgrade refused: " + statusLine);
			return false;
		}
		String accept = headerValue(header, "sec-websocket-accept");
		if (!expectedAccept(connection.webSocketKey).equals(accept)) {
			fail(connection, "upgrade with a wrong Sec-WebSocket-Accept");
			return false;
		}
		connection.state = OPEN;
		if (this.dialect == Dialect.PLAIN && this.readyWhen == ReadyWhen.UPGRADED) {
			ready(connection);
		}
		return true;
	}

	private int parseFrames(Connection connection, byte[] buffer, int offset, int end, long now) {
		while (end - offset >= 2 && connection.state != CLOSED) {
			int b0 = buffer[offset] & 0xff;
			int b1 = buffer[offset + 1] & 0xff;
			boolean fin = (b0 & 0x80) != 0;
			int opcode = b0 & 0x0f;
			boolean masked = (b1 & 0x80) != 0;
			long length = b1 & 0x7f;
			int header = 2;
			if (length == 126) {
				if (end - offset < 4) {
					break;
				}
				length = ((buffer[offset + 2] & 0xff) << 8) | (buffer[offset + 3] & 0xff);
				header = 4;
			}
			else if (length == 127) {
				if (end - offset < 10) {
					break;
				}
				length = 0;
				for (int i = 0; i < 8; i++) {
					length = (length << 8) | (buffer[offset + 2 + i] & 0xff);
				}
				header = 10;
			}
			if (length > MAX_FRAME_BYTES || length < 0) {
				fail(connection, "frame of " + length + " bytes");
				return offset;
			}
			int maskOffset = offset + header;
			if (masked) {
				header += 4;
			}
			if (end - offset < header + length) {
				break;
			}
			int payload = offset + header;
			if (masked) {
				for (int i = 0; i < length; i++) {
					buffer[payload + i] ^= buffer[maskOffset + (i & 3)];
				}
			}
			onFrame(connection, fin, opcode, buffer, payload, (int) length, now);
			offset = payload + (int) length;
		}
		return offset;
	}

	private void onFrame(Connection connection, boolean fin, int opcode, byte[] buffer, int offset, int length,
			long now) {
		switch (opcode) {
			case 0x0 -> {
				appendFragment(connection, buffer, offset, length);
				if (fin) {
					byte[] message = connection.fragments;
					int messageLength = connection.fragmentLength;
					connection.fragmentLength = 0;
					if (connection.fragmentOpcode == 0x1) {
						onMessage(connection, message, 0, messageLength, now);
					}
				}
			}
			case 0x1, 0x2 -> {
				if (fin) {
					if (opcode == 0x1) {
						onMessage(connection, buffer, offset, length, now);
					}
				}
				else {
					connection.fragmentOpcode = opcode;
					connection.fragmentLength = 0;
					appendFragment(connection, buffer, offset, length);
				}
			}
			case 0x8 -> {
				int code = (length >= 2) ? ((buffer[offset] & 0xff) << 8) | (buffer[offset + 1] & 0xff) : 1005;
				String reason = (length > 2) ? new String(buffer, offset + 2, length - 2, StandardCharsets.UTF_8) : "";
				byte[] echo = (length >= 2) ? Arrays.copyOfRange(buffer, offset, offset + 2) : new byte[0];
				send(connection, maskedFrame(0x8, echo));
				fail(connection, "closed by server: " + code + (reason.isEmpty() ? "" : " " + reason));
			}
			case 0x9 -> send(connection, maskedFrame(0xA, Arrays.copyOfRange(buffer, offset, offset + length)));
			case 0xA -> {
				// an unsolicited pong needs no answer
			}
			default -> fail(connection, "unknown opcode " + opcode);
		}
	}

	private void appendFragment(Connection connection, byte[] buffer, int offset, int length) {
		int needed = connection.fragmentLength + length;
		if (connection.fragments == null || connection.fragments.length < needed) {
			connection.fragments = Arrays.copyOf((connection.fragments != null) ? connection.fragments : new byte[0],
					Math.max(needed, 1024));
		}
		System.arraycopy(buffer, offset, connection.fragments, connection.fragmentLength, length);
		connection.fragmentLength = needed;
	}

	private void onMessage(Connection connection, byte[] buffer, int offset, int length, long now) {
		this.messagesReceived++;
		if (this.dialect == Dialect.ENGINE_IO) {
			if (length == 0) {
				return;
			}
			byte type = buffer[offset];
			if (type == '0') {
				send(connection, maskedFrame(0x1, ENGINE_IO_CONNECT));
				return;
			}
			if (type == '2') {
				send(connection, maskedFrame(0x1, ENGINE_IO_PONG));
				return;
			}
			if (type != '4') {
				return;
			}
			if (length >= 2 && buffer[offset + 1] == '0') {
				ready(connection);
				return;
			}
		}
		else if (this.readyWhen == ReadyWhen.FIRST_MESSAGE) {
			ready(connection);
		}
		match(connection, buffer, offset, length, now);
	}

	private void match(Connection connection, byte[] buffer, int offset, int length, long now) {
		byte[][] armed = this.markers;
		if (armed == null || connection.id >= this.arrivals.length || this.arrivals[connection.id] != 0) {
			return;
		}
		for (byte[] marker : armed) {
			if (indexOf(buffer, offset, offset + length, marker) < 0) {
				this.unmatched++;
				if (this.unmatchedSample == null) {
					this.unmatchedSample = new String(buffer, offset, Math.min(length, 120), StandardCharsets.UTF_8);
				}
				return;
			}
		}
		this.arrivals[connection.id] = now;
		if (this.delivered == 0) {
			this.firstMatch = new String(buffer, offset, length, StandardCharsets.UTF_8);
		}
		this.delivered++;
		if (this.delivered >= this.expected && this.roundDone != null) {
			this.roundDone.complete(this.delivered);
		}
	}

	private void ready(Connection connection) {
		if (!connection.ready) {
			connection.ready = true;
			connection.readyAt = System.nanoTime();
			this.readyCount++;
			finishedConnecting(connection);
		}
	}

	private void finishedConnecting(Connection connection) {
		if (connection.inFlight) {
			connection.inFlight = false;
			this.inFlight--;
		}
	}

	private void send(Connection connection, ByteBuffer bytes) {
		if (connection.state == CLOSED) {
			return;
		}
		try {
			if (connection.outbound == null) {
				connection.channel.write(bytes);
				if (bytes.hasRemaining()) {
					connection.outbound = ByteBuffer.allocate(Math.max(bytes.remaining() * 2, 4096));
					connection.outbound.put(bytes);
					connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
				}
			}
			else {
				if (connection.outbound.remaining() < bytes.remaining()) {
					ByteBuffer bigger = ByteBuffer.allocate((connection.outbound.position() + bytes.remaining()) * 2);
					connection.outbound.flip();
					bigger.put(connection.outbound);
					connection.outbound = bigger;
				}
				connection.outbound.put(bytes);
			}
		}
		catch (IOException ex) {
			fail(connection, "write: " + ex.getMessage());
		}
	}

	private void flush(Connection connection) throws IOException {
		ByteBuffer outbound = connection.outbound;
		if (outbound == null) {
			connection.key.interestOps(SelectionKey.OP_READ);
			return;
		}
		outbound.flip();
		connection.channel.write(outbound);
		if (outbound.hasRemaining()) {
			outbound.compact();
		}
		else {
			connection.outbound = null;
			connection.key.interestOps(SelectionKey.OP_READ);
		}
	}

	private void fail(Connection connection, String reason) {
		this.failures.merge(reason, 1, Integer::sum);
		if (connection != null) {
			closeQuietly(connection, reason);
		}
	}

	private void closeQuietly(Connection connection, String reason) {
		if (connection.state == CLOSED) {
			return;
		}
		connection.state = CLOSED;
		finishedConnecting(connection);
		if (reason != null) {
			this.closedCount++;
		}
		try {
			if (connection.channel != null) {
				connection.channel.close();
			}
		}
		catch (IOException ex) {
			// already gone
		}
		connection.pending = null;
		connection.fragments = null;
		connection.outbound = null;
	}

	static ByteBuffer maskedFrame(int opcode, byte[] payload) {
		int length = payload.length;
		int extended = (length < 126) ? 0 : (length < 65536) ? 2 : 8;
		ByteBuffer frame = ByteBuffer.allocate(2 + extended + 4 + length);
		frame.put((byte) (0x80 | opcode));
		if (extended == 0) {
			frame.put((byte) (0x80 | length));
		}
		else if (extended == 2) {
			frame.put((byte) (0x80 | 126));
			frame.putShort((short) length);
		}
		else {
			frame.put((byte) (0x80 | 127));
			frame.putLong(length);
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.put(mask);
		for (int i = 0; i < length; i++) {
			frame.put((byte) (payload[i] ^ mask[i & 3]));
		}
		return frame.flip();
	}

	static String expectedAccept(String key) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			byte[] digest = sha1
				.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String headerValue(String header, String name) {
		for (String line : header.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
				return line.substring(colon + 1).trim();
			}
		}
		return null;
	}

	static int indexOf(byte[] haystack, int from, int to, byte[] needle) {
		if (needle.length == 0) {
			return from;
		}
		byte first = needle[0];
		int last = to - needle.length;
		outer: for (int i = from; i <= last; i++) {
			if (haystack[i] != first) {
				continue;
			}
			for (int j = 1; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static final class Connection {

		final int id;

		final Endpoint endpoint;

		SocketChannel channel;

		SelectionKey key;

		int state = CONNECTING;

		boolean inFlight;

		long startedAt;

		boolean ready;

		long readyAt;

		String webSocketKey;

		byte[] pending;

		int pendingLength;

		byte[] fragments;

		int fragmentLength;

		int fragmentOpcode;

		ByteBuffer outbound;

		Connection(int id, Endpoint endpoint) {
			this.id = id;
			this.endpoint = endpoint;
		}

	}

	private record ScheduledSend(long atNanos, Connection connection,
			byte[] message) implements Comparable<ScheduledSend> {

		@Override
		public int compareTo(ScheduledSend other) {
			return Long.compare(this.atNanos, other.atNanos);
		}

	}

}
