package dev.vanguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Redis servers of a test's own, from the machine's {@code redis-server} (Debian's
 * {@code redis-server} package), each on a free port with its files in a temporary
 * directory, stopped and deleted on {@link #close()}: a standalone server a test may
 * watch with MONITOR without anyone else's traffic, or a Redis Cluster of three masters
 * made with {@code redis-cli --cluster create}.
 */
public final class RedisServers implements AutoCloseable {

	private final Path directory;

	private final List<Node> nodes = new ArrayList<>();

	private RedisServers(Path directory) {
		this.directory = directory;
	}

	/** A node: its port and its process. */
	public record Node(int port, Process process) {

		public String address() {
			return "127.0.0.1:" + this.port;
		}

	}

	/**
	 * One standalone server, persistence off, with these extra {@code redis-server}
	 * options (for example {@code "--requirepass", "secret"}); {@code {port}} in an
	 * option stands for the server's port (for example {@code "--port", "0",
	 * "--tls-port", "{port}"} serves TLS only).
	 */
	public static RedisServers standalone(String... options) {
		RedisServers servers = create();
		try {
			servers.start(false, options);
			return servers;
		}
		catch (RuntimeException ex) {
			servers.close();
			throw ex;
		}
	}

	/**
	 * One server and a Sentinel monitoring it as master {@code masterName}; the Sentinel
	 * is {@link #nodes()}' second node, ready once it reports the master.
	 */
	public static RedisServers sentinel(String masterName) {
		RedisServers servers = create();
		try {
			servers.start(false);
			int port = freePort();
			Path dir = servers.directory.resolve(Integer.toString(port));
			Files.createDirectories(dir);
			Path config = dir.resolve("sentinel.conf");
			Files.writeString(config,
					String.join("\n", "port " + port, "bind 127.0.0.1", "dir " + dir,
							"sentinel monitor " + masterName + " 127.0.0.1 " + servers.first().port() + " 1",
							"sentinel down-after-milliseconds " + masterName + " 2000", ""));
			servers.launch(port, dir, List.of("redis-server", config.toString(), "--sentinel"));
			Node sentinel = servers.nodes.get(1);
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> servers.command(sentinel, "sentinel", "get-master-addr-by-name", masterName)
					.contains(Integer.toString(servers.first().port())));
			return servers;
		}
		catch (IOException ex) {
			servers.close();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			servers.close();
			throw ex;
		}
	}

	/**
	 * A Redis Cluster of three masters with {@code replicasPerMaster} replicas each,
	 * every slot assigned, ready when this returns. With replicas, a master that dies is
	 * replaced by its replica after the node timeout (2 s).
	 */
	public static RedisServers cluster(int replicasPerMaster) {
		RedisServers servers = create();
		try {
			for (int i = 0; i < 3 * (1 + replicasPerMaster); i++) {
				servers.start(true);
			}
			List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
			servers.nodes.forEach((node) -> command.add(node.address()));
			command.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerMaster), "--cluster-yes"));
			run(command, servers.directory.resolve("create.log"));
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> servers.nodes.stream().allMatch(RedisServers::clusterOk)
						&& servers.nodes.stream().allMatch((node) -> replicasSynced(node, replicasPerMaster)));
			return servers;
		}
		catch (RuntimeException ex) {
			servers.close();
			throw ex;
		}
	}

	public List<Node> nodes() {
		return List.copyOf(this.nodes);
	}

	public Node first() {
		return this.nodes.get(0);
	}

	/** The live master serving {@code key}'s slot, as the cluster sees it now. */
	public Node masterOf(String key) {
		Node live = this.nodes.stream()
			.filter((node) -> node.process().isAlive())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No live node"));
		String port = Integer.toString(live.port());
		int slot = Integer.parseInt(output(List.of("redis-cli", "-p", port, "cluster", "keyslot", key)).strip());
		for (String line : output(List.of("redis-cli", "-p", port, "cluster", "nodes")).split("\n")) {
			String[] fields = line.trim().split(" ");
			if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
				continue;
			}
			for (int i = 8; i < fields.length; i++) {
				if (fields[i].startsWith("[")) {
					continue;
				}
				String[] range = fields[i].split("-");
				int from = Integer.parseInt(range[0]);
				int to = (range.length > 1) ? Integer.parseInt(range[1]) : from;
				if (slot >= from && slot <= to) {
					int nodePort = Integer
						.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
					return this.nodes.stream()
						.filter((node) -> node.port() == nodePort)
						.findFirst()
						.orElseThrow(() -> new IllegalStateException("Unknown node " + fields[1]));
				}
			}
		}
		throw new IllegalStateException("No live master serves slot " + slot);
	}

	/** What {@code redis-cli} prints for a command sent to the node. */
	public String command(Node node, String... arguments) {
		List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(node.port())));
		command.addAll(List.of(arguments));
		return output(command);
	}

	/** Kills a node at once (SIGKILL), as a crashed host would disappear. */
	public void kill(Node node) {
		node.process().destroyForcibly();
		try {
			node.process().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		for (Node node : this.nodes) {
			node.process().destroyForcibly();
		}
		for (Node node : this.nodes) {
			try {
				node.process().waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// Best effort: it is a temporary directory.
		}
	}

	private static RedisServers create() {
		try {
			return new RedisServers(Files.createTempDirectory("vanguard-redis"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void start(boolean cluster, String... options) {
		int port = freePort();
		Path dir = this.directory.resolve(Integer.toString(port));
		List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind",
				"127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--protected-mode", "no"));
		if (cluster) {
			command.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
					"--cluster-node-timeout", "2000"));
		}
		for (String option : options) {
			command.add(option.replace("{port}", Integer.toString(port)));
		}
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		launch(port, dir, command);
	}

	private void launch(int port, Path dir, List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(dir.resolve("redis.log").toFile())
				.start();
			this.nodes.add(new Node(port, process));
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException(
							"redis-server exited: " + Files.readString(dir.resolve("redis.log")));
				}
				return accepts(port);
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start redis-server (install Debian's redis-server)", ex);
		}
	}

	private static boolean clusterOk(Node node) {
		return output(List.of("redis-cli", "-p", Integer.toString(node.port()), "cluster", "info"))
			.contains("cluster_state:ok");
	}

	/** A master has its replicas attached (and a replica sees its master). */
	private static boolean replicasSynced(Node node, int replicasPerMaster) {
		String info = output(List.of("redis-cli", "-p", Integer.toString(node.port()), "info", "replication"));
		if (info.contains("role:master")) {
			return info.contains("connected_slaves:" + replicasPerMaster);
		}
		return info.contains("master_link_status:up");
	}

	private static void run(List<String> command, Path log) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String output(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(10, TimeUnit.SECONDS);
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
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

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
