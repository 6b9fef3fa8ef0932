package dev.vanguard.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Stands in for realtime-service: completes the WebSocket handshake (101), sends one text
 * frame, then echoes every text frame the client sends, so a client behind the gateway
 * sees the upgrade pass through both ways and can tell that its socket still carries
 * messages. Records each handshake request it received.
 */
final class WebSocketUpstream implements AutoCloseable {

	static final String GREETING = "hello from realtime";

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final ServerSocket server;

	private final BlockingQueue<Handshake> handshakes = new LinkedBlockingQueue<>();

	WebSocketUpstream() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(this::acceptLoop);
	}

	String address() {
		return "127.0.0.1:" + this.server.getLocalPort();
	}

	BlockingQueue<Handshake> handshakes() {
		return this.handshakes;
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				Thread.ofVirtual().start(() -> serve(socket));
			}
			catch (IOException ex) {
				// closed: the test is over
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			String requestLine = readLine(in);
			Map<String, String> headers = new LinkedHashMap<>();
			for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
				int colon = line.indexOf(':');
				headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
			}
			this.handshakes.add(new Handshake(requestLine, headers));
			OutputStream out = socket.getOutputStream();
			out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: " + accept(headers.get("sec-websocket-key")) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			byte[] payload = GREETING.getBytes(StandardCharsets.UTF_8);
			// FIN + text opcode, unmasked (server to client), short length
			out.write(0x81);
			out.write(payload.length);
			out.write(payload);
			out.flush();
			// hold the connection until the client goes away
			for (Frame frame = Frame.read(in); frame != null; frame = Frame.read(in)) {
				if (frame.opcode() == TEXT) {
					writeText(out, frame.payload());
				}
			}
		}
		catch (SocketException ex) {
			// the client or the gateway hung up
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static final int TEXT = 0x1;

	private static void writeText(OutputStream out, byte[] payload) throws IOException {
		// FIN + text opcode, unmasked (server to client)
		out.write(0x80 | TEXT);
		if (payload.length < 126) {
			out.write(payload.length);
		}
		else {
			out.write(126);
			out.write(payload.length >> 8);
			out.write(payload.length & 0xFF);
		}
		out.write(payload);
		out.flush();
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				throw new SocketException("connection closed during the handshake");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	private static String accept(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	/** One frame from the client (masked, at most 64 KiB, as the tests send). */
	private record Frame(int opcode, byte[] payload) {

		/** The next frame, or null when the client closed the connection. */
		static Frame read(InputStream in) throws IOException {
			int first = in.read();
			int second = in.read();
			if (first == -1 || second == -1) {
				return null;
			}
			int length = second & 0x7F;
			if (length == 126) {
				length = (in.read() << 8) | in.read();
			}
			byte[] mask = in.readNBytes(4);
			byte[] payload = in.readNBytes(length);
			if (mask.length < 4 || payload.length < length) {
				return null;
			}
			for (int i = 0; i < payload.length; i++) {
				payload[i] ^= mask[i % 4];
			}
			return new Frame(first & 0x0F, payload);
		}

	}

	/** The request line and headers (lower-case names) of one upgrade request. */
	record Handshake(String requestLine, Map<String, String> headers) {
	}

}
