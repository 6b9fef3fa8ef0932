package dev.vanguard.bench.targets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the bench started: its output goes to a log file (so a failure can be read
 * after the run) and it is stopped when the bench is done with it.
 */
public final class ChildProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private ChildProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path logDir)
			throws IOException {
		Files.createDirectories(logDir);
		Path log = logDir.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		return new ChildProcess(name, builder.start(), log);
	}

	/** The java launcher that runs this bench, so children run on the same JDK. */
	public static String javaCommand() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	public long pid() {
		return this.process.pid();
	}

	public String name() {
		return this.name;
	}

	public Path log() {
		return this.log;
	}

	/**
	 * Waits until something accepts connections on the port, or fails if the process
	 * died.
	 */
	public void awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException(this.name + " exited with " + this.process.exitValue() + "; see " + this.log);
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(200);
			}
		}
		throw new IOException(this.name + " did not listen on " + port + " within " + timeout + "; see " + this.log);
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(40, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
