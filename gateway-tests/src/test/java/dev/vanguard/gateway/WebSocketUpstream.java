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
 * Stands in for realtime-service: completes the WebSocket handshake (101) and sends one
 * text frame, so a client behind the gateway sees the upgrade pass through both ways.
 * Records each handshake request it received.
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
			while (in.read() != -1) {
				// discard client frames
			}
		}
		catch (SocketException ex) {
			// the client or the gateway hung up
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
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

	/** The request line and headers (lower-case names) of one upgrade request. */
	record Handshake(String requestLine, Map<String, String> headers) {
	}

}
