package dev.vanguard.bench.targets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.vanguard.bench.client.WsClients;
import dev.vanguard.contracts.PointsMode;
import dev.vanguard.contracts.QuestionType;
import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEnded;
import dev.vanguard.contracts.events.SessionOpened;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * realtime-service, the whole path: the bench plays session-service (players in Redis,
 * player tokens signed with its own key served as a JWKS, session events on the exchange)
 * and measures from the AMQP publish of {@code QuestionStarted} to the question frame's
 * arrival at each player.
 *
 * <p>
 * One or more instances run as child processes from the service's jar, each on its own
 * port, sharing one queue (as replicas do) and one Redis; clients are spread over them
 * round-robin. Everything they declare gets names unique to this run.
 */
public final class VanguardTarget implements Target {

	/** The {@code type} of the frame that opens a question (docs/protocol.md). */
	static final String QUESTION_FRAME = "\"type\":\"question\"";

	/** The {@code type} of the frame that acknowledges an answer (docs/protocol.md). */
	static final String ANSWER_ACK_FRAME = "\"type\":\"answer_accepted\"";

	private final List<ChildProcess> instances;

	private final List<Integer> ports;

	private final TokenIssuer tokens;

	private final String exchange;

	private final EventPublisher events;

	private final RedisClient redisClient;

	private final StatefulRedisConnection<String, String> redisConnection;

	private final RedisCommands<String, String> redis;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<String> tokensByPlayer = new ArrayList<>();

	private UUID sessionId;

	private long seq;

	private int questionIndex = -1;

	private VanguardTarget(List<ChildProcess> instances, List<Integer> ports, TokenIssuer tokens, EventPublisher events,
			RedisClient redisClient, String exchange) {
		this.exchange = exchange;
		this.instances = instances;
		this.ports = ports;
		this.tokens = tokens;
		this.events = events;
		this.redisClient = redisClient;
		this.redisConnection = redisClient.connect();
		this.redis = this.redisConnection.sync();
	}

	/**
	 * Starts {@code count} realtime-service instances from the jar under {@code root}.
	 * @param firstPort the first instance's port; the next ones follow, then the JWKS
	 */
	public static VanguardTarget start(Path root, int count, int firstPort, Path logDir)
			throws IOException, InterruptedException {
		return start(root, count, firstPort, logDir, null);
	}

	/**
	 * Starts the instances; with a {@code sessionJwksUri} they trust that
	 * session-service's player tokens instead of the bench's own.
	 */
	public static VanguardTarget start(Path root, int count, int firstPort, Path logDir, String sessionJwksUri)
			throws IOException, InterruptedException {
		Path jar = realtimeJar(root);
		String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
		TokenIssuer tokens = new TokenIssuer(firstPort + count);
		List<ChildProcess> instances = new ArrayList<>();
		List<Integer> ports = new ArrayList<>();
		EventPublisher events = null;
		RedisClient redis = null;
		try {
			events = new EventPublisher(exchange(run));
			redis = RedisClient.create("redis://127.0.0.1:6379");
			for (int i = 0; i < count; i++) {
				int port = firstPort + i;
				List<String> command = new ArrayList<>(List.of(ChildProcess.javaCommand(), "-Xms256m", "-Xmx1g",
						"-XX:+UseG1GC", "-XX:+AlwaysPreTouch"));
				// e.g. a JFR recording while profiling:
				// BENCH_REALTIME_JVM_ARGS="-XX:StartFlightRecording=..."
				String extra = System.getenv().getOrDefault("BENCH_REALTIME_JVM_ARGS", "").strip();
				if (!extra.isEmpty()) {
					command.addAll(List.of(extra.replace("{instance}", Integer.toString(i + 1)).split("\\s+")));
				}
				command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
						"--management.endpoints.web.exposure.include=health,prometheus",
						"--vanguard.realtime.instance-id=" + run + "-" + (i + 1),
						"--vanguard.realtime.session-jwks-uri="
								+ ((sessionJwksUri != null) ? sessionJwksUri : tokens.jwksUri()),
						"--vanguard.realtime.auth-jwks-uri=" + tokens.jwksUri(), "--vanguard.realtime.access-log=false",
						"--vanguard.realtime.amqp.exchange=" + exchange(run),
						"--vanguard.realtime.amqp.queue=" + run + ".realtime",
						"--vanguard.realtime.amqp.queue-expires=10m", "--vanguard.realtime.amqp.legacy-queue=",
						// the run's accepted answers go to a queue of its own, never the
						// platform's (SessionService declares the same)
						"--vanguard.realtime.amqp.answers-queue=" + answersQueue(exchange(run)),
						"--logging.level.root=WARN"));
				ChildProcess instance = ChildProcess.start("vanguard-" + (i + 1), command, Map.of(), logDir);
				instances.add(instance);
				ports.add(port);
			}
			for (int i = 0; i < count; i++) {
				instances.get(i).awaitPort(ports.get(i), Duration.ofSeconds(120));
			}
			events.awaitConsumers(run + ".realtime", count, Duration.ofSeconds(120));
			return new VanguardTarget(instances, ports, tokens, events, redis, exchange(run));
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			instances.forEach(ChildProcess::close);
			tokens.close();
			if (events != null) {
				events.close();
			}
			if (redis != null) {
				redis.shutdown();
			}
			throw ex;
		}
	}

	/** The repackaged jar of realtime-service, which bench/run builds. */
	public static Path realtimeJar(Path root) throws IOException {
		Path jar = root.resolve("realtime-service/target/realtime-service-0.1.0-SNAPSHOT.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IOException("No " + jar + ": build realtime-service first (bench/run does)");
		}
		return jar;
	}

	private static String exchange(String run) {
		return run + ".events";
	}

	/**
	 * The queue of the accepted answers of the run whose events go to {@code exchange};
	 * it expires 10 minutes after its last use, like the run's event queue.
	 */
	public static String answersQueue(String exchange) {
		return exchange + ".answers";
	}

	@Override
	public String name() {
		return "vanguard";
	}

	@Override
	public WsClients.Dialect dialect() {
		return WsClients.Dialect.PLAIN;
	}

	@Override
	public WsClients.ReadyWhen readyWhen() {
		// the server greets every connection with its catch-up frame
		return WsClients.ReadyWhen.FIRST_MESSAGE;
	}

	/**
	 * Opens a session and lets {@code players} join it the way session-service does:
	 * players hash first, then tokens. The session lives until {@link #finish()}.
	 */
	@Override
	public List<WsClients.Endpoint> prepare(int players) throws IOException {
		this.sessionId = UUID.randomUUID();
		this.seq = 0;
		this.questionIndex = -1;
		this.tokensByPlayer.clear();
		SessionKeys keys = SessionKeys.of(this.sessionId);
		Map<String, String> roster = new HashMap<>();
		List<UUID> playerIds = IntStream.range(0, players).mapToObj((i) -> UUID.randomUUID()).toList();
		for (int i = 0; i < players; i++) {
			roster.put(playerIds.get(i).toString(), nickname(i));
		}
		this.redis.hset(keys.players(), roster);
		this.redis.expire(keys.players(), SessionKeys.MAX_LIFETIME);
		this.events.publish(new SessionOpened(this.sessionId, ++this.seq, Instant.now(), UUID.randomUUID(), "123456",
				"Bench quiz", 1_000));
		awaitApplied(this.seq);
		long started = System.nanoTime();
		List<String> minted = IntStream.range(0, players)
			.parallel()
			.mapToObj((i) -> this.tokens.mint(this.sessionId, playerIds.get(i), nickname(i)))
			.toList();
		System.err.printf("  session %s: %,d players in Redis, tokens minted in %.1f s%n", this.sessionId, players,
				(System.nanoTime() - started) / 1e9);
		this.tokensByPlayer.addAll(minted);
		List<WsClients.Endpoint> endpoints = new ArrayList<>(players);
		for (int i = 0; i < players; i++) {
			int port = this.ports.get(i % this.ports.size());
			endpoints.add(new WsClients.Endpoint(new InetSocketAddress("127.0.0.1", port),
					"/ws?token=" + URLEncoder.encode(minted.get(i), StandardCharsets.US_ASCII), null));
		}
		return endpoints;
	}

	@Override
	public List<String> markers(int round) {
		long questionSeq = this.seq + 1;
		return List.of(QUESTION_FRAME, "\"seq\":" + questionSeq + ",");
	}

	@Override
	public long trigger(int round) throws IOException {
		Instant now = Instant.now();
		this.questionIndex++;
		QuestionStarted.Question question = new QuestionStarted.Question(QuestionType.SINGLE_CHOICE,
				"Which planet is known as the Red Planet?", null, 20, PointsMode.STANDARD.points(),
				List.of("Venus", "Mars", "Jupiter", "Saturn"), List.of(1), List.of());
		return this.events.publish(new QuestionStarted(this.sessionId, ++this.seq, now, this.questionIndex, 1_000,
				question, now, now.plusSeconds(20)));
	}

	/**
	 * Closes the question, as the host's "reveal" would, before the next round opens one.
	 */
	@Override
	public void afterRound(int round) throws IOException {
		this.events.publish(new QuestionEnded(this.sessionId, ++this.seq, Instant.now(), this.questionIndex,
				QuestionEnded.Reason.HOST));
		awaitApplied(this.seq);
	}

	/**
	 * Ends the session and removes its keys, once the instances have let go of the
	 * clients (so a late disconnect does not write a key back, and the next case starts
	 * on a quiet server).
	 */
	@Override
	public void finish() throws IOException {
		if (this.sessionId == null) {
			return;
		}
		awaitNoConnections();
		this.events.publish(new SessionEnded(this.sessionId, ++this.seq, Instant.now()));
		awaitApplied(this.seq);
		deleteKeys(SessionKeys.of(this.sessionId));
		this.sessionId = null;
	}

	/** Waits (at most a minute) until no instance holds a connection any more. */
	public void awaitNoConnections() throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		double active = Double.NaN;
		while (System.nanoTime() < deadline) {
			try {
				active = metric("websocket_active_connections");
			}
			catch (HttpTimeoutException ex) {
				// an instance closing tens of thousands of sockets on 2 cores may take
				// longer than a scrape waits: ask again until the deadline
				continue;
			}
			if (active == 0) {
				return;
			}
			sleep(Duration.ofMillis(100));
		}
		System.err.printf("  %.0f connections still open 60 s after the clients left%n", active);
	}

	/**
	 * The sum over the instances of every sample of a metric, as Prometheus names it
	 * ({@code quiz_answers_confirm_seconds_sum}).
	 */
	public double metric(String name) throws IOException {
		double total = 0;
		for (int port : this.ports) {
			total += Prometheus.sum(scrape(port), name);
		}
		return total;
	}

	private String scrape(int port) throws IOException {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static void sleep(Duration duration) throws IOException {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/**
	 * Waits until realtime-service has applied event {@code seq} of the session (its
	 * state hash says so).
	 */
	private void awaitApplied(long expectedSeq) throws IOException {
		String state = SessionKeys.of(this.sessionId).state();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			String applied = this.redis.hget(state, "seq");
			if (applied != null && Long.parseLong(applied) >= expectedSeq) {
				return;
			}
			// short: a server warm-up waits here after each of its thousand rounds
			sleep(Duration.ofMillis(1));
		}
		throw new IOException("realtime-service did not apply event " + expectedSeq + " of session " + this.sessionId
				+ " within 30 s; see " + this.instances.getFirst().log());
	}

	private void deleteKeys(SessionKeys keys) {
		ScanIterator<String> scan = ScanIterator.scan(this.redis, ScanArgs.Builder.matches(keys.pattern()).limit(500));
		List<String> found = new ArrayList<>();
		scan.forEachRemaining(found::add);
		if (!found.isEmpty()) {
			this.redis.del(found.toArray(String[]::new));
		}
	}

	/** The exchange this run's instances consume from. */
	public String exchange() {
		return this.exchange;
	}

	/** The bench's token issuer, whose JWKS the instances trust for host tokens. */
	public TokenIssuer issuer() {
		return this.tokens;
	}

	/** Where clients of instance {@code i} connect. */
	public InetSocketAddress address(int i) {
		return new InetSocketAddress("127.0.0.1", this.ports.get(i % this.ports.size()));
	}

	/** The number of fields of a Redis hash. */
	public long hashLength(String key) {
		return this.redis.hlen(key);
	}

	/**
	 * The samples of one metric on every instance, as {@code labels=value} lines (for the
	 * report's explanations).
	 */
	public String samples(String metric) {
		StringBuilder out = new StringBuilder();
		for (int port : this.ports) {
			try {
				for (String line : scrape(port).split("\n")) {
					if (line.startsWith(metric + "{")) {
						String labels = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}'))
							.replaceAll("application=\"[^\"]*\",?", "");
						out.append(out.isEmpty() ? "" : ", ")
							.append(labels)
							.append('=')
							.append(line.substring(line.lastIndexOf(' ') + 1));
					}
				}
			}
			catch (IOException ex) {
				out.append("(unreadable)");
			}
		}
		return out.toString();
	}

	/** Waits until the instances know the session (its state hash exists in Redis). */
	public void awaitSession(UUID sessionId, Duration timeout) throws IOException {
		String state = SessionKeys.of(sessionId).state();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.redis.hget(state, "seq") == null) {
			if (System.nanoTime() > deadline) {
				throw new IOException("realtime-service did not open session " + sessionId + " within " + timeout);
			}
			sleep(Duration.ofMillis(10));
		}
	}

	/** Deletes every key of a session. */
	public void deleteSession(UUID sessionId) {
		deleteKeys(SessionKeys.of(sessionId));
	}

	/** The index of the question opened by the last {@link #trigger(int)}. */
	public int questionIndex() {
		return this.questionIndex;
	}

	/** What a player sends to answer question {@code index} with one option. */
	public byte[] answerFrame(int index, int option) {
		return ("{\"type\":\"answer\",\"questionIndex\":" + index + ",\"options\":[" + option + "]}")
			.getBytes(StandardCharsets.UTF_8);
	}

	/** Strings the acknowledgement of an answer to question {@code index} contains. */
	public List<String> ackMarkers(int index) {
		return List.of(ANSWER_ACK_FRAME, "\"questionIndex\":" + index + ",");
	}

	/** How many answers realtime-service recorded for question {@code index}. */
	public long recordedAnswers(int index) {
		return this.redis.hlen(SessionKeys.of(this.sessionId).answers(index));
	}

	/**
	 * A full GC in every instance, so the heap reading after it is what the connections
	 * hold.
	 */
	public void fullGc() throws IOException, InterruptedException {
		String java = ChildProcess.javaCommand();
		String jcmd = java.substring(0, java.length() - "java".length()) + "jcmd";
		for (ChildProcess instance : this.instances) {
			Process gc = new ProcessBuilder(jcmd, Long.toString(instance.pid()), "GC.run").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			gc.waitFor(60, TimeUnit.SECONDS);
		}
	}

	@Override
	public List<Long> pids() {
		return this.instances.stream().map(ChildProcess::pid).toList();
	}

	/** Heap in use per instance from its Prometheus endpoint, summed. */
	@Override
	public long heapBytes() {
		long total = 0;
		for (int port : this.ports) {
			try {
				total += Prometheus.sum(scrape(port), "jvm_memory_used_bytes", "area=\"heap\"");
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}
		return total;
	}

	@Override
	public void close() {
		this.instances.forEach(ChildProcess::close);
		this.tokens.close();
		this.events.close();
		this.redisConnection.close();
		this.redisClient.shutdown();
		this.http.close();
	}

	private static String nickname(int i) {
		return "player" + i;
	}

}
