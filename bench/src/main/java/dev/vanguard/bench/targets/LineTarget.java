package dev.vanguard.bench.targets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vanguard.bench.client.WsClients;

/**
 * A comparison server (the floor or the Socket.IO peer) run as a child process and
 * triggered over its control line. The broadcast payload has the shape of a question
 * frame of about the size realtime-service sends, carrying the round as {@code seq}.
 */
public final class LineTarget implements Target {

	private final String name;

	private final WsClients.Dialect dialect;

	private final ChildProcess process;

	private final ControlLine control;

	private final int port;

	private final String path;

	private LineTarget(String name, WsClients.Dialect dialect, ChildProcess process, int port, int controlPort,
			String path) throws IOException {
		this.name = name;
		this.dialect = dialect;
		this.process = process;
		this.port = port;
		this.path = path;
		this.control = new ControlLine(controlPort);
	}

	/** The floor: {@link dev.vanguard.bench.floor.FloorServer} in its own JVM. */
	public static LineTarget floor(int port, int controlPort, Path logDir) throws IOException, InterruptedException {
		List<String> command = List.of(ChildProcess.javaCommand(), "-Xms256m", "-Xmx512m", "-XX:+UseParallelGC", "-cp",
				System.getProperty("java.class.path"), "dev.vanguard.bench.floor.FloorServer", Integer.toString(port),
				Integer.toString(controlPort));
		ChildProcess process = ChildProcess.start("floor", command, Map.of(), logDir);
		process.awaitPort(controlPort, Duration.ofSeconds(30));
		return new LineTarget("floor", WsClients.Dialect.PLAIN, process, port, controlPort, "/ws");
	}

	/** The Socket.IO 4 peer, {@code bench/socketio-peer/server.js} on Node. */
	public static LineTarget socketIo(Path peerDir, int port, int controlPort, Path logDir)
			throws IOException, InterruptedException {
		List<String> command = List.of("node", peerDir.resolve("server.js").toString(), Integer.toString(port),
				Integer.toString(controlPort));
		ChildProcess process = ChildProcess.start("socketio", command, Map.of(), logDir);
		process.awaitPort(controlPort, Duration.ofSeconds(30));
		return new LineTarget("socketio", WsClients.Dialect.ENGINE_IO, process, port, controlPort,
				"/socket.io/?EIO=4&transport=websocket");
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public WsClients.Dialect dialect() {
		return this.dialect;
	}

	@Override
	public WsClients.ReadyWhen readyWhen() {
		return WsClients.ReadyWhen.UPGRADED;
	}

	@Override
	public List<WsClients.Endpoint> prepare(int players) {
		InetSocketAddress address = new InetSocketAddress("127.0.0.1", this.port);
		List<WsClients.Endpoint> endpoints = new ArrayList<>(players);
		for (int i = 0; i < players; i++) {
			endpoints.add(new WsClients.Endpoint(address, this.path, null));
		}
		return endpoints;
	}

	@Override
	public List<String> markers(int round) {
		return List.of("\"seq\":" + seq(round) + ",");
	}

	@Override
	public long trigger(int round) throws IOException {
		return this.control.send("broadcast " + SamplePayload.question(seq(round)));
	}

	@Override
	public void afterRound(int round) throws IOException {
		String reply = this.control.reply();
		if (reply == null || !reply.startsWith("ok")) {
			throw new IOException(this.name + " refused the broadcast: " + reply);
		}
	}

	@Override
	public void finish() {
		// nothing kept per audience
	}

	@Override
	public List<Long> pids() {
		return List.of(this.process.pid());
	}

	@Override
	public long heapBytes() {
		try {
			return this.control.heapBytes();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	@Override
	public void close() {
		try {
			this.control.close();
		}
		catch (IOException ex) {
			// the process goes anyway
		}
		this.process.close();
	}

	private static long seq(int round) {
		return 1000 + round;
	}

}
