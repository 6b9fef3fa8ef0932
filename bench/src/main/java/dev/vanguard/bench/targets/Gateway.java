package dev.vanguard.bench.targets;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gateway as {@code ./vanguard up} runs it: the Debian nginx with
 * {@code deploy/nginx/local/nginx.conf} and the rendered
 * {@code deploy/nginx/vanguard.conf.template}, under a prefix of its own and on the
 * bench's port, in front of the bench's session-service and realtime-service. Nothing of
 * a running platform's gateway is touched.
 */
public final class Gateway implements AutoCloseable {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

	/** Files a worker may open, as {@code ./vanguard up} allows at most. */
	private static final int OPEN_FILES = 100_000;

	private final ChildProcess process;

	private final int port;

	private final Path prefix;

	private Gateway(ChildProcess process, int port, Path prefix) {
		this.process = process;
		this.port = port;
		this.prefix = prefix;
	}

	/**
	 * Starts nginx on {@code port} routing {@code /api/sessions/**} to
	 * {@code sessionPort} and {@code /ws} to {@code realtimePort} (auth and quiz go to
	 * {@code otherUpstream}).
	 */
	public static Gateway start(Path root, int port, int sessionPort, int realtimePort, String otherUpstream,
			Path logDir) throws IOException, InterruptedException {
		Path prefix = Files.createTempDirectory("vanguard-bench-gateway");
		for (String dir : List.of("conf", "logs", "temp", "web")) {
			Files.createDirectories(prefix.resolve(dir));
		}
		Files.copy(root.resolve("deploy/nginx/local/nginx.conf"), prefix.resolve("conf/nginx.conf"));
		String template = Files.readString(root.resolve("deploy/nginx/vanguard.conf.template"));
		Files.writeString(prefix.resolve("conf/vanguard.conf"),
				render(template,
						Map.of("GATEWAY_PORT", "127.0.0.1:" + port, "AUTH_UPSTREAM", otherUpstream, "QUIZ_UPSTREAM",
								otherUpstream, "SESSION_UPSTREAM", "127.0.0.1:" + sessionPort, "REALTIME_UPSTREAM",
								"127.0.0.1:" + realtimePort, "WEB_ROOT", prefix.resolve("web").toString(), "ACCESS_LOG",
								prefix.resolve("logs/gateway-access.log").toString())));
		String globals = "daemon off; pid " + prefix.resolve("nginx.pid") + "; worker_rlimit_nofile " + openFiles()
				+ ";" + ("root".equals(System.getProperty("user.name")) ? " user root;" : "");
		List<String> command = List.of(binary(), "-p", prefix + "/", "-c", prefix.resolve("conf/nginx.conf").toString(),
				"-e", prefix.resolve("logs/gateway.log").toString(), "-g", globals);
		ChildProcess process = ChildProcess.start("gateway", command, Map.of(), logDir);
		Gateway gateway = new Gateway(process, port, prefix);
		try {
			process.awaitPort(port, Duration.ofSeconds(20));
			return gateway;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			gateway.close();
			throw ex;
		}
	}

	public int port() {
		return this.port;
	}

	/** nginx's master and workers. */
	public List<Long> pids() {
		List<Long> pids = new ArrayList<>();
		pids.add(this.process.pid());
		ProcessHandle.of(this.process.pid())
			.ifPresent((master) -> master.children().forEach((worker) -> pids.add(worker.pid())));
		return pids;
	}

	/**
	 * What {@code ./vanguard up} gives {@code worker_rlimit_nofile}: 100,000, or this
	 * process's hard limit when lower (the bench raised its soft limit to it).
	 */
	private static long openFiles() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
				if (line.startsWith("Max open files")) {
					String hard = line.substring("Max open files".length()).strip().split("\\s+")[1];
					return hard.equals("unlimited") ? OPEN_FILES : Math.min(OPEN_FILES, Long.parseLong(hard));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: leave it to nginx's default
		}
		return OPEN_FILES;
	}

	private static String render(String template, Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder rendered = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException("No value for gateway template placeholder " + matcher.group());
			}
			matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(rendered);
		return rendered.toString();
	}

	private static String binary() throws IOException {
		String configured = System.getenv("VANGUARD_NGINX");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		return Stream
			.concat(Stream.of(Path.of("/usr/sbin/nginx")),
					Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
						.filter((dir) -> !dir.isEmpty())
						.map((dir) -> Path.of(dir, "nginx")))
			.filter(Files::isExecutable)
			.findFirst()
			.map(Path::toString)
			.orElseThrow(() -> new IOException(
					"The click case through the gateway needs nginx: sudo apt-get install -y nginx-light"));
	}

	@Override
	public void close() {
		this.process.close();
		try (Stream<Path> files = Files.walk(this.prefix)) {
			files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			System.err.println("  could not remove " + this.prefix + ": " + ex.getMessage());
		}
	}

}
