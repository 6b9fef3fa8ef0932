package dev.vanguard.gateway;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real nginx (the Debian package) running the project's gateway template under a
 * temporary prefix, the way {@code ./vanguard up} runs it: same template, same main
 * configuration, nothing of the host's nginx touched.
 */
final class Nginx implements AutoCloseable {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

	private final Path prefix;

	private final Process process;

	private final int port;

	private final List<String> arguments;

	private Nginx(Path prefix, Process process, int port, List<String> arguments) {
		this.prefix = prefix;
		this.process = process;
		this.port = port;
		this.arguments = arguments;
	}

	/**
	 * Renders the gateway template with these values (every other placeholder is an
	 * error) and starts nginx on a free port.
	 */
	static Nginx start(Path projectRoot, Map<String, String> values) throws IOException {
		String binary = binary();
		int port = freePort();
		Path prefix = Files.createTempDirectory("vanguard-gateway-test");
		Files.createDirectories(prefix.resolve("conf"));
		Files.createDirectories(prefix.resolve("logs"));
		Files.createDirectories(prefix.resolve("temp"));
		Files.copy(projectRoot.resolve("deploy/nginx/local/nginx.conf"), prefix.resolve("conf/nginx.conf"));
		writeConfiguration(projectRoot, prefix, port, values);

		String globals = "daemon off; pid " + prefix.resolve("nginx.pid") + ";"
				+ ("root".equals(System.getProperty("user.name")) ? " user root;" : "");
		List<String> arguments = List.of("-p", prefix + "/", "-c", prefix.resolve("conf/nginx.conf").toString(), "-e",
				prefix.resolve("logs/gateway.log").toString(), "-g", globals);
		List<String> command = new ArrayList<>(List.of(binary));
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(prefix.resolve("logs/stdout.log").toFile())
			.start();
		Nginx nginx = new Nginx(prefix, process, port, arguments);
		try {
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("nginx exited with " + process.exitValue() + ":\n" + nginx.logs());
				}
				return accepts(port);
			});
		}
		catch (RuntimeException ex) {
			nginx.close();
			throw ex;
		}
		return nginx;
	}

	/**
	 * Renders the template again with these values and reloads nginx with it, as
	 * {@code ./vanguard up} does when the configuration changed ({@code nginx -s reload}:
	 * new workers take new connections, the old ones finish theirs).
	 */
	void reload(Path projectRoot, Map<String, String> values) throws IOException, InterruptedException {
		writeConfiguration(projectRoot, this.prefix, this.port, values);
		List<String> command = new ArrayList<>(List.of(binary(), "-s", "reload"));
		command.addAll(this.arguments);
		Process reload = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(reload.getInputStream().readAllBytes());
		if (reload.waitFor() != 0) {
			throw new IllegalStateException("nginx -s reload failed: " + output + "\n" + logs());
		}
	}

	private static void writeConfiguration(Path projectRoot, Path prefix, int port, Map<String, String> values)
			throws IOException {
		String template = Files.readString(projectRoot.resolve("deploy/nginx/vanguard.conf.template"));
		Map<String, String> all = new java.util.HashMap<>(values);
		all.put("GATEWAY_PORT", "127.0.0.1:" + port);
		all.put("ACCESS_LOG", prefix.resolve("logs/gateway-access.log").toString());
		Files.writeString(prefix.resolve("conf/vanguard.conf"), render(template, all));
	}

	/**
	 * Replaces {@code ${NAME}} the way envsubst does in the official nginx image, failing
	 * on a placeholder that has no value instead of leaving it for nginx to misread.
	 */
	static String render(String template, Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder rendered = new StringBuilder();
		List<String> missing = new ArrayList<>();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			if (value == null) {
				missing.add(matcher.group(1));
				value = matcher.group();
			}
			matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(rendered);
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException("No value for gateway template placeholders " + missing);
		}
		return rendered.toString();
	}

	int port() {
		return this.port;
	}

	/** The access log as written so far. */
	String accessLog() throws IOException {
		Path log = this.prefix.resolve("logs/gateway-access.log");
		return Files.exists(log) ? Files.readString(log) : "";
	}

	String logs() {
		StringBuilder logs = new StringBuilder();
		for (String name : List.of("stdout.log", "gateway.log")) {
			Path log = this.prefix.resolve("logs").resolve(name);
			try {
				if (Files.exists(log)) {
					logs.append("--- ").append(name).append('\n').append(Files.readString(log));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return logs.toString();
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try (Stream<Path> files = Files.walk(this.prefix)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String binary() {
		String configured = System.getenv("VANGUARD_NGINX");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/sbin/nginx")),
				Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
					.filter((dir) -> !dir.isEmpty())
					.map((dir) -> Path.of(dir, "nginx")));
		return candidates.filter(Files::isExecutable)
			.findFirst()
			.map(Path::toString)
			.orElseThrow(() -> new IllegalStateException("The gateway tests need a real nginx and none is installed. "
					+ "Run ./vanguard test (as root on Debian it installs it) or: sudo apt-get install -y nginx-light"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
