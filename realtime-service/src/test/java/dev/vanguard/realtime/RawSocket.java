package dev.vanguard.realtime;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client that does the upgrade by hand and then only reads: it never answers
 * a ping, so to the server it is a client that went silent (a frozen tab, a dead
 * network).
 */
final class RawSocket implements AutoCloseable {

	static final int OPCODE_TEXT = 0x1;

	static final int OPCODE_CLOSE = 0x8;

	static final int OPCODE_PING = 0x9;

	private final Socket socket = new Socket();

	private final DataInputStream in;

	private final String response;

	RawSocket(int port, String query) throws IOException {
		this.socket.connect(new InetSocketAddress("127.0.0.1", port));
		this.socket.setSoTimeout(20_000);
		OutputStream out = this.socket.getOutputStream();
		out.write(("GET /ws?" + query + " HTTP/1.1\r\n" + "Host: 127.0.0.1\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		this.in = new DataInputStream(this.socket.getInputStream());
		this.response = readHeaders(this.in);
	}

	/** The upgrade response's headers. */
	String response() {
		return this.response;
	}

	/** The next frame from the server (which never masks); null when the socket ended. */
	Frame read() throws IOException {
		int first = this.in.read();
		if (first < 0) {
			return null;
		}
		int second = this.in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[Math.toIntExact(length)];
		this.in.readFully(payload);
		return new Frame(first & 0x0F, payload);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private static String readHeaders(InputStream in) throws IOException {
		StringBuilder headers = new StringBuilder();
		while (!headers.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			headers.append((char) b);
		}
		return headers.toString();
	}

	record Frame(int opcode, byte[] payload) {

		/** The close code of a close frame. */
		int closeCode() {
			return ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
		}

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

}
