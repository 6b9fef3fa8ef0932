package dev.vanguard.bench.targets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The line protocol that triggers the floor's and the Socket.IO peer's broadcast: one
 * kept-open TCP connection, so a trigger costs a loopback write and nothing else.
 */
final class ControlLine implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final BufferedReader in;

	ControlLine(int port) throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		this.socket.setSoTimeout(60_000);
		this.out = this.socket.getOutputStream();
		this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
	}

	/**
	 * Sends the command, then returns the nanoTime at which it was handed to the socket.
	 */
	long send(String command) throws IOException {
		byte[] line = (command + "\n").getBytes(StandardCharsets.UTF_8);
		long sentAt = System.nanoTime();
		this.out.write(line);
		this.out.flush();
		return sentAt;
	}

	String reply() throws IOException {
		return this.in.readLine();
	}

	/**
	 * The heap in bytes from a {@code stats} reply ({@code heap <bytes> clients <n>}).
	 */
	long heapBytes() throws IOException {
		send("stats");
		String[] words = reply().split(" ");
		return Long.parseLong(words[1]);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
