package dev.vanguard.bench.client;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * An audience too large for one process, held by several child JVMs
 * ({@link ClientProcess}), each with its share of the clients: the parent hands out the
 * endpoints, arms every child before the trigger and merges the latency histograms they
 * send back after it.
 */
public final class ClientProcesses implements AutoCloseable {

	/** What one round measured over every child. */
	public record Round(Histogram latency, String firstMatch) {
	}

	private final List<Child> children;

	private ClientProcesses(List<Child> children) {
		this.children = children;
	}

	/**
	 * Starts {@code count} child JVMs on this JVM's class path, speaking plain WebSocket
	 * to a server whose connections are ready when {@code readyWhen} says; their standard
	 * error goes to {@code client-<i>.log} under {@code logDir}.
	 */
	public static ClientProcesses start(int count, WsClients.ReadyWhen readyWhen, Path logDir) throws IOException {
		Files.createDirectories(logDir);
		String java = ProcessHandle.current().info().command().orElse("java");
		List<Child> children = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				Path log = logDir.resolve("client-" + (i + 1) + ".log");
				Process process = new ProcessBuilder(java, "-Xms256m", "-Xmx1g", "-XX:+UseParallelGC", "-cp",
						System.getProperty("java.class.path"), ClientProcess.class.getName(), readyWhen.name())
					.redirectError(log.toFile())
					.start();
				children.add(new Child(process, log));
			}
			return new ClientProcesses(children);
		}
		catch (IOException | RuntimeException ex) {
			children.forEach(Child::close);
			throw ex;
		}
	}

	public int size() {
		return this.children.size();
	}

	/**
	 * Hands endpoint {@code i} to child {@code i % size()} and has every child open its
	 * share.
	 */
	public void connect(List<WsClients.Endpoint> endpoints) throws IOException {
		for (int i = 0; i < endpoints.size(); i++) {
			WsClients.Endpoint endpoint = endpoints.get(i);
			this.children.get(i % this.children.size())
				.send("endpoint " + endpoint.address().getHostString() + ":" + endpoint.address().getPort() + " "
						+ endpoint.path());
		}
		for (Child child : this.children) {
			child.send("connect");
		}
		for (Child child : this.children) {
			child.expect("ok");
		}
	}

	/**
	 * Waits until {@code count} clients over every child are ready (each child its share)
	 * or the time-out; returns the ready count and, if short, why the others failed.
	 */
	public Ready awaitReady(int count, Duration timeout) throws IOException {
		for (int i = 0; i < this.children.size(); i++) {
			// endpoint j went to child j % size, so child i holds ceil((count - i) /
			// size)
			int mine = (count - i + this.children.size() - 1) / this.children.size();
			this.children.get(i).send("ready " + mine + " " + timeout.toMillis());
		}
		int ready = 0;
		StringBuilder failures = new StringBuilder();
		for (Child child : this.children) {
			String[] words = child.expect("ready").split(" ", 4);
			ready += Integer.parseInt(words[1]);
			if (words.length > 3 && !words[3].equals("{}")) {
				failures.append(failures.isEmpty() ? "" : " ").append(words[3]);
			}
		}
		return new Ready(ready, failures.toString());
	}

	/** How many clients became ready, and what the children said about the others. */
	public record Ready(int ready, String failures) {
	}

	/**
	 * Arms every child for the round's markers; returns once all have, so a trigger sent
	 * afterwards cannot be missed.
	 */
	public void arm(List<String> markers) throws IOException {
		for (Child child : this.children) {
			child.send("arm " + String.join("\t", markers));
		}
		for (Child child : this.children) {
			child.expect("armed");
		}
	}

	/**
	 * Collects the round triggered at {@code publishedAt} (nanoTime): every child waits
	 * for its frames until the time-out, measured from now, and sends its histogram.
	 */
	public Round collect(long publishedAt, Duration timeout) throws IOException {
		for (Child child : this.children) {
			child.send("collect " + publishedAt + " " + timeout.toMillis());
		}
		Histogram latency = new Histogram(ClientProcess.HIGHEST_MICROS, 3);
		String firstMatch = null;
		for (Child child : this.children) {
			String[] words = child.expect("round").split(" ");
			byte[] encoded = Base64.getDecoder().decode(words[2]);
			try {
				latency.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), 0));
			}
			catch (DataFormatException ex) {
				throw new IOException("A client process sent an unreadable histogram", ex);
			}
			String match = child.expect("match").substring("match".length()).strip();
			if (firstMatch == null && !match.isEmpty()) {
				firstMatch = match;
			}
		}
		return new Round(latency, firstMatch);
	}

	/** CPU time of the children's selector threads so far, summed. */
	public double cpuSeconds() throws IOException {
		for (Child child : this.children) {
			child.send("cpu");
		}
		double total = 0;
		for (Child child : this.children) {
			total += Long.parseLong(child.expect("cpu").split(" ")[1]) / 1e9;
		}
		return total;
	}

	/** Closes every client of every child. */
	public void disconnectAll() throws IOException {
		for (Child child : this.children) {
			child.send("disconnect");
		}
		for (Child child : this.children) {
			child.expect("ok");
		}
	}

	/** The client processes, for their CPU and memory. */
	public List<Long> pids() {
		return this.children.stream().map((child) -> child.process.pid()).toList();
	}

	@Override
	public void close() {
		this.children.forEach(Child::close);
	}

	private static final class Child {

		final Process process;

		final Path log;

		final BufferedWriter in;

		final BufferedReader out;

		Child(Process process, Path log) {
			this.process = process;
			this.log = log;
			this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
					1 << 16);
			this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		}

		void send(String line) throws IOException {
			this.in.write(line);
			this.in.write('\n');
			if (!line.startsWith("endpoint ")) {
				this.in.flush();
			}
		}

		/** Reads the next answer, which must start with {@code word}. */
		String expect(String word) throws IOException {
			String line = this.out.readLine();
			if (line == null || !(line.equals(word) || line.startsWith(word + " "))) {
				throw new IOException("client process " + this.process.pid() + " answered " + line + " instead of "
						+ word + "; see " + this.log);
			}
			return line;
		}

		void close() {
			try {
				this.in.close();
			}
			catch (IOException ex) {
				// the process is going anyway
			}
			try {
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}

	}

}
