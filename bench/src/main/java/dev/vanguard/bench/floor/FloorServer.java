package dev.vanguard.bench.floor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The floor: a bare NIO WebSocket server on ONE thread that, on a trigger, writes one
 * prepared frame to every client in a loop. Nothing can deliver a broadcast from one
 * thread faster, so realtime-service's latency divided by this one's says what the rest
 * of the path costs.
 *
 * <p>
 * It listens for WebSocket upgrades on one port and for a line protocol on a control
 * port: {@code broadcast <text>} sends {@code <text>} as one text frame to every open
 * client and answers {@code ok <count>}; {@code stats} answers {@code heap <bytes>
 * clients <count>}.
 *
 * <p>
 * Run as {@code FloorServer <port> <control-port>}.
 */
public final class FloorServer {

	private static final int BACKLOG = 4096;

	private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private final Selector selector;

	private final ServerSocketChannel server;

	private final ServerSocketChannel control;

	private final List<Peer> clients = new ArrayList<>();

	private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

	private volatile boolean running = true;

	FloorServer(int port, int controlPort) throws IOException {
		this.selector = Selector.open();
		this.server = ServerSocketChannel.open();
		this.server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
		this.server.bind(new InetSocketAddress("127.0.0.1", port), BACKLOG);
		this.server.configureBlocking(false);
		this.server.register(this.selector, SelectionKey.OP_ACCEPT, Boolean.FALSE);
		this.control = ServerSocketChannel.open();
		this.control.setOption(StandardSocketOptions.SO_REUSEADDR, true);
		this.control.bind(new InetSocketAddress("127.0.0.1", controlPort));
		this.control.configureBlocking(false);
		this.control.register(this.selector, SelectionKey.OP_ACCEPT, Boolean.TRUE);
	}

	public static void main(String[] args) throws IOException {
		FloorServer floor = new FloorServer(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
		System.out.println("floor listening on " + args[0] + ", control " + args[1]);
		floor.run();
	}

	/**
	 * Serves until {@link #stop()}; the calling thread is the one and only server thread.
	 */
	void run() throws IOException {
		while (this.running) {
			this.selector.select(this::onSelected, 1000);
		}
		for (SelectionKey key : this.selector.keys()) {
			key.channel().close();
		}
		this.selector.close();
	}

	void stop() {
		this.running = false;
		this.selector.wakeup();
	}

	private void onSelected(SelectionKey key) {
		try {
			if (key.isAcceptable()) {
				accept(key);
				return;
			}
			Peer peer = (Peer) key.attachment();
			if (key.isWritable()) {
				flush(peer);
			}
			if (key.isValid() && key.isReadable()) {
				read(peer);
			}
		}
		catch (IOException ex) {
			close((Peer) key.attachment());
		}
	}

	private void accept(SelectionKey key) throws IOException {
		ServerSocketChannel listener = (ServerSocketChannel) key.channel();
		boolean isControl = (Boolean) key.attachment();
		SocketChannel channel;
		while ((channel = listener.accept()) != null) {
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			Peer peer = new Peer(channel, isControl);
			peer.key = channel.register(this.selector, SelectionKey.OP_READ, peer);
		}
	}

	private void read(Peer peer) throws IOException {
		ByteBuffer buffer = this.readBuffer;
		buffer.clear();
		if (peer.pendingLength > 0) {
			buffer.put(peer.pending, 0, peer.pendingLength);
		}
		if (peer.channel.read(buffer) < 0) {
			close(peer);
			return;
		}
		byte[] bytes = buffer.array();
		int end = buffer.position();
		if (peer.control) {
			int from = 0;
			for (int i = 0; i < end; i++) {
				if (bytes[i] == '\n') {
					command(peer, new String(bytes, from, i - from, StandardCharsets.UTF_8));
					from = i + 1;
				}
			}
			keep(peer, bytes, from, end);
		}
		else if (!peer.open) {
			int headerEnd = indexOf(bytes, end, HEADER_END);
			if (headerEnd < 0) {
				keep(peer, bytes, 0, end);
				return;
			}
			upgrade(peer, new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1));
			peer.pendingLength = 0;
		}
		else {
			readClientFrames(peer, bytes, end);
		}
	}

	private void upgrade(Peer peer, String request) throws IOException {
		String key = null;
		for (String line : request.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("sec-websocket-key")) {
				key = line.substring(colon + 1).trim();
			}
		}
		if (key == null) {
			write(peer, ByteBuffer.wrap("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII)));
			close(peer);
			return;
		}
		String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n";
		write(peer, ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
		peer.open = true;
		peer.index = this.clients.size();
		this.clients.add(peer);
	}

	/** Clients only ever close; anything else they send is read and dropped. */
	private void readClientFrames(Peer peer, byte[] bytes, int end) {
		if (end >= 2 && (bytes[0] & 0x0f) == 0x8) {
			write(peer, ByteBuffer.wrap(new byte[] { (byte) 0x88, 0 }));
			close(peer);
		}
	}

	private void command(Peer peer, String line) {
		if (line.startsWith("broadcast ")) {
			int sent = broadcast(textFrame(line.substring("broadcast ".length()).getBytes(StandardCharsets.UTF_8)));
			write(peer, ByteBuffer.wrap(("ok " + sent + "\n").getBytes(StandardCharsets.US_ASCII)));
		}
		else if (line.equals("stats")) {
			Runtime runtime = Runtime.getRuntime();
			long heap = runtime.totalMemory() - runtime.freeMemory();
			write(peer, ByteBuffer
				.wrap(("heap " + heap + " clients " + this.clients.size() + "\n").getBytes(StandardCharsets.US_ASCII)));
		}
		else {
			write(peer, ByteBuffer.wrap("error unknown command\n".getBytes(StandardCharsets.US_ASCII)));
		}
	}

	/**
	 * The write loop under test: one prepared frame, one thread, every client in turn.
	 */
	private int broadcast(ByteBuffer frame) {
		int sent = 0;
		for (int i = 0; i < this.clients.size(); i++) {
			Peer client = this.clients.get(i);
			frame.position(0);
			if (write(client, frame)) {
				sent++;
			}
		}
		return sent;
	}

	private boolean write(Peer peer, ByteBuffer bytes) {
		try {
			if (peer.outbound != null) {
				peer.outbound = append(peer.outbound, bytes);
				return true;
			}
			peer.channel.write(bytes);
			if (bytes.hasRemaining()) {
				peer.outbound = append(ByteBuffer.allocate(4096), bytes);
				peer.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
			}
			return true;
		}
		catch (IOException ex) {
			close(peer);
			return false;
		}
	}

	private void flush(Peer peer) throws IOException {
		ByteBuffer outbound = peer.outbound;
		if (outbound == null) {
			peer.key.interestOps(SelectionKey.OP_READ);
			return;
		}
		outbound.flip();
		peer.channel.write(outbound);
		if (outbound.hasRemaining()) {
			outbound.compact();
		}
		else {
			peer.outbound = null;
			peer.key.interestOps(SelectionKey.OP_READ);
		}
	}

	private void close(Peer peer) {
		if (peer == null || peer.closed) {
			return;
		}
		peer.closed = true;
		if (peer.open) {
			// swap-remove: thousands of clients leave at once between cases
			Peer last = this.clients.removeLast();
			if (last != peer) {
				this.clients.set(peer.index, last);
				last.index = peer.index;
			}
		}
		try {
			peer.channel.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

	private static ByteBuffer append(ByteBuffer target, ByteBuffer bytes) {
		ByteBuffer result = target;
		if (result.remaining() < bytes.remaining()) {
			result = ByteBuffer.allocate((target.position() + bytes.remaining()) * 2);
			target.flip();
			result.put(target);
		}
		return result.put(bytes);
	}

	private static void keep(Peer peer, byte[] bytes, int from, int to) {
		int length = to - from;
		if (peer.pending == null || peer.pending.length < length) {
			peer.pending = new byte[Math.max(length, 1024)];
		}
		System.arraycopy(bytes, from, peer.pending, 0, length);
		peer.pendingLength = length;
	}

	static ByteBuffer textFrame(byte[] payload) {
		int length = payload.length;
		int extended = (length < 126) ? 0 : (length < 65536) ? 2 : 8;
		ByteBuffer frame = ByteBuffer.allocateDirect(2 + extended + length);
		frame.put((byte) 0x81);
		if (extended == 0) {
			frame.put((byte) length);
		}
		else if (extended == 2) {
			frame.put((byte) 126);
			frame.putShort((short) length);
		}
		else {
			frame.put((byte) 127);
			frame.putLong(length);
		}
		return frame.put(payload).flip();
	}

	private static String accept(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int indexOf(byte[] bytes, int end, byte[] needle) {
		outer: for (int i = 0; i <= end - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (bytes[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static final class Peer {

		final SocketChannel channel;

		final boolean control;

		SelectionKey key;

		boolean open;

		boolean closed;

		int index;

		byte[] pending;

		int pendingLength;

		ByteBuffer outbound;

		Peer(SocketChannel channel, boolean control) {
			this.channel = channel;
			this.control = control;
		}

	}

}
