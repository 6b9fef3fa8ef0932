package dev.vanguard.bench.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against a scripted server that writes exactly the bytes RFC 6455 and
 * Engine.IO allow, one connection at a time.
 */
class WsClientsTests {

	private ServerSocket server;

	@BeforeEach
	void listen() throws IOException {
		this.server = new ServerSocket();
		this.server.bind(new InetSocketAddress("127.0.0.1", 0));
	}

	@AfterEach
	void stop() throws IOException {
		this.server.close();
	}

	@Test
	void readsFramesOfEveryLengthEncoding() throws Exception {
		try (WsClients clients = new WsClients(WsClients.Dialect.PLAIN, WsClients.ReadyWhen.UPGRADED)) {
			clients.connect(List.of(endpoint("/ws")));
			try (Peer peer = accept()) {
				assertThat(clients.awaitReady(1, Duration.ofSeconds(10))).isEqualTo(1);
				for (int length : new int[] { 20, 300, 70_000 }) {
					CompletableFuture<Integer> done = clients.arm(List.of("end-of-" + length));
					peer.send(0x81, padded("end-of-" + length, length));
					assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo(1);
				}
			}
		}
	}

	@Test
	void reassemblesFragmentedMessages() throws Exception {
		try (WsClients clients = new WsClients(WsClients.Dialect.PLAIN, WsClients.ReadyWhen.UPGRADED)) {
			clients.connect(List.of(endpoint("/ws")));
			try (Peer peer = accept()) {
				clients.awaitReady(1, Duration.ofSeconds(10));
				CompletableFuture<Integer> done = clients.arm(List.of("\"seq\":42,"));
				peer.send(0x01, bytes("{\"type\":\"question\",\"se"));
				peer.send(0x89, bytes("in-between"));
				peer.send(0x00, bytes("q\":4"));
				peer.send(0x80, bytes("2,\"index\":0}"));
				assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo(1);
				Frame pong = peer.receive();
				assertThat(pong.opcode()).isEqualTo(0xA);
				assertThat(pong.text()).isEqualTo("in-between");
			}
		}
	}

	@Test
	void ignoresFramesWithoutEveryMarker() throws Exception {
		try (WsClients clients = new WsClients(WsClients.Dialect.PLAIN, WsClients.ReadyWhen.UPGRADED)) {
			clients.connect(List.of(endpoint("/ws")));
			try (Peer peer = accept()) {
				clients.awaitReady(1, Duration.ofSeconds(10));
				CompletableFuture<Integer> done = clients.arm(List.of("\"type\":\"question\"", "\"seq\":7,"));
				peer.send(0x81, bytes("{\"type\":\"reveal\",\"seq\":7,\"index\":0}"));
				peer.send(0x81, bytes("{\"type\":\"question\",\"seq\":6,\"index\":0}"));
				peer.send(0x81, bytes("{\"type\":\"question\",\"seq\":7,\"index\":1}"));
				assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo(1);
				assertThat(clients.messagesReceived()).isEqualTo(3);
			}
		}
	}

	@Test
	void sendsMaskedTextAndEchoesTheServersClose() throws Exception {
		try (WsClients clients = new WsClients(WsClients.Dialect.PLAIN, WsClients.ReadyWhen.FIRST_MESSAGE)) {
			clients.connect(List.of(endpoint("/ws?token=abc")));
			try (Peer peer = accept()) {
				assertThat(peer.request).startsWith("GET /ws?token=abc HTTP/1.1");
				peer.send(0x81, bytes("{\"type\":\"lobby\",\"seq\":1}"));
				assertThat(clients.awaitReady(1, Duration.ofSeconds(10))).isEqualTo(1);
				clients.sendToAll(bytes("{\"type\":\"answer\"}"));
				Frame answer = peer.receive();
				assertThat(answer.opcode()).isEqualTo(0x1);
				assertThat(answer.masked()).isTrue();
				assertThat(answer.text()).isEqualTo("{\"type\":\"answer\"}");
				peer.send(0x88, new byte[] { 0x03, (byte) 0xF0, 'b', 'y', 'e' });
				Frame close = peer.receive();
				assertThat(close.opcode()).isEqualTo(0x8);
				assertThat(Arrays.copyOf(close.payload(), 2)).containsExactly(0x03, 0xF0);
				assertThat(clients.failures()).containsKey("closed by server: 1008 bye");
			}
		}
	}

	@Test
	void speaksEngineIo() throws Exception {
		try (WsClients clients = new WsClients(WsClients.Dialect.ENGINE_IO, WsClients.ReadyWhen.UPGRADED)) {
			clients.connect(List.of(endpoint("/socket.io/?EIO=4&transport=websocket")));
			try (Peer peer = accept()) {
				peer.send(0x81, bytes("0{\"sid\":\"s1\",\"pingInterval\":25000,\"pingTimeout\":20000}"));
				assertThat(peer.receive().text()).isEqualTo("40");
				assertThat(clients.readyCount()).isZero();
				peer.send(0x81, bytes("40{\"sid\":\"n1\"}"));
				assertThat(clients.awaitReady(1, Duration.ofSeconds(10))).isEqualTo(1);
				peer.send(0x81, bytes("2"));
				assertThat(peer.receive().text()).isEqualTo("3");
				CompletableFuture<Integer> done = clients.arm(List.of("\"seq\":9,"));
				peer.send(0x81, bytes("42[\"question\",{\"seq\":9,\"index\":0}]"));
				assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo(1);
			}
		}
	}

	@Test
	void reportsARefusedUpgrade() throws Exception {
		try (WsClients clients = new WsClients(WsClients.Dialect.PLAIN, WsClients.ReadyWhen.UPGRADED)) {
			clients.connect(List.of(endpoint("/ws")));
			try (Socket socket = this.server.accept()) {
				readRequest(socket.getInputStream());
				socket.getOutputStream()
					.write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
				assertThat(clients.awaitReady(1, Duration.ofSeconds(10))).isZero();
				assertThat(clients.failures()).containsKey("upgrade refused: HTTP/1.1 401 Unauthorized");
			}
		}
	}

	private WsClients.Endpoint endpoint(String path) {
		return new WsClients.Endpoint(new InetSocketAddress("127.0.0.1", this.server.getLocalPort()), path, null);
	}

	private Peer accept() throws IOException {
		Socket socket = this.server.accept();
		String request = readRequest(socket.getInputStream());
		String key = WsClients.headerValue(request, "Sec-WebSocket-Key");
		socket.getOutputStream()
			.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: " + WsClients.expectedAccept(key) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		return new Peer(socket, request);
	}

	private static String readRequest(InputStream in) throws IOException {
		StringBuilder request = new StringBuilder();
		while (!request.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("client went away during the upgrade");
			}
			request.append((char) b);
		}
		return request.toString();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] padded(String suffix, int length) {
		byte[] payload = new byte[length];
		Arrays.fill(payload, (byte) 'x');
		byte[] tail = bytes(suffix);
		System.arraycopy(tail, 0, payload, length - tail.length, tail.length);
		return payload;
	}

	private record Frame(int opcode, boolean masked, byte[] payload) {

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

	/**
	 * The server side of one connection, writing unmasked frames and reading masked ones.
	 */
	private static final class Peer implements AutoCloseable {

		private final Socket socket;

		private final String request;

		private final OutputStream out;

		private final DataInputStream in;

		Peer(Socket socket, String request) throws IOException {
			this.socket = socket;
			this.request = request;
			this.out = socket.getOutputStream();
			this.in = new DataInputStream(socket.getInputStream());
			socket.setSoTimeout(10_000);
		}

		void send(int firstByte, byte[] payload) throws IOException {
			int length = payload.length;
			ByteBuffer header = ByteBuffer.allocate(10);
			header.put((byte) firstByte);
			if (length < 126) {
				header.put((byte) length);
			}
			else if (length < 65536) {
				header.put((byte) 126).putShort((short) length);
			}
			else {
				header.put((byte) 127).putLong(length);
			}
			this.out.write(header.array(), 0, header.position());
			this.out.write(payload);
			this.out.flush();
		}

		Frame receive() throws IOException {
			int b0 = this.in.readUnsignedByte();
			int b1 = this.in.readUnsignedByte();
			long length = b1 & 0x7f;
			if (length == 126) {
				length = this.in.readUnsignedShort();
			}
			else if (length == 127) {
				length = this.in.readLong();
			}
			byte[] mask = new byte[4];
			boolean masked = (b1 & 0x80) != 0;
			if (masked) {
				this.in.readFully(mask);
			}
			byte[] payload = new byte[(int) length];
			this.in.readFully(payload);
			for (int i = 0; masked && i < payload.length; i++) {
				payload[i] ^= mask[i & 3];
			}
			return new Frame(b0 & 0x0f, masked, payload);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
