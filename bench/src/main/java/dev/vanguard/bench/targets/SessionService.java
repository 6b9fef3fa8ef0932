package dev.vanguard.bench.targets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * session-service as the join storm needs it: its jar in a child process, on a database
 * of its own (created for the run, dropped after), with the bench's JWKS for host tokens,
 * the bench standing in for quiz-service, and the run's exchange.
 */
public final class SessionService implements AutoCloseable {

	private final ChildProcess process;

	private final int port;

	private final String database;

	private final HttpClient http = HttpClient.newBuilder()
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		// as the gateway and the web app speak it, without an h2c upgrade on each request
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	private SessionService(ChildProcess process, int port, String database) {
		this.process = process;
		this.port = port;
		this.database = database;
	}

	public static SessionService start(Path root, int port, String exchange, TokenIssuer issuer, Path logDir)
			throws IOException, InterruptedException {
		Path jar = root.resolve("session-service/target/session-service-0.1.0-SNAPSHOT.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IOException("No " + jar + ": build session-service first (bench/run does)");
		}
		String database = "vanguard_bench_" + UUID.randomUUID().toString().substring(0, 8);
		postgres("createdb", database);
		List<String> command = new ArrayList<>(List.of(ChildProcess.javaCommand(), "-Xms256m", "-Xmx1g"));
		// e.g. a JFR recording while profiling the join path
		String extra = System.getenv().getOrDefault("BENCH_SESSION_JVM_ARGS", "").strip();
		if (!extra.isEmpty()) {
			command.addAll(List.of(extra.split("\\s+")));
		}
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database,
				"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwksUri(),
				"--vanguard.quiz.base-url=" + issuer.baseUrl(), "--vanguard.events.exchange=" + exchange,
				"--vanguard.session.answers.queue=" + VanguardTarget.answersQueue(exchange),
				"--vanguard.session.answers.queue-expires=10m",
				"--management.endpoints.web.exposure.include=health,prometheus", "--logging.level.root=WARN"));
		ChildProcess process = ChildProcess.start("session-service", command, Map.of(), logDir);
		try {
			process.awaitPort(port, Duration.ofSeconds(120));
			return new SessionService(process, port, database);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			process.close();
			postgres("dropdb", "--force", database);
			throw ex;
		}
	}

	/** Where session-service publishes its player-token keys. */
	public String jwksUri() {
		return "http://127.0.0.1:" + this.port + "/api/sessions/.well-known/jwks.json";
	}

	public long pid() {
		return this.process.pid();
	}

	/** Opens a session of a (bench-served) quiz; returns its id and PIN. */
	public Created create(String hostToken) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http
			.send(post("/api/sessions", "{\"quizId\":\"" + UUID.randomUUID() + "\"}")
				.header("Authorization", "Bearer " + hostToken)
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IOException("session-service refused to open a session: " + response.statusCode() + " "
					+ response.body() + "; see " + this.process.log());
		}
		JsonNode body = this.json.readTree(response.body());
		return new Created(UUID.fromString(body.get("id").asString()), body.get("pin").asString());
	}

	/**
	 * Joins one player; {@code address} is the client address the gateway would state in
	 * {@code X-Real-IP} (session-service limits joins per address).
	 * @return the player token, or null with the refusal in {@code refusal}
	 */
	public Joined join(String pin, String nickname, String address) throws InterruptedException {
		try {
			HttpResponse<String> response = this.http.send(post("/api/sessions/pin/" + pin + "/players",
					"{\"nickname\":\"" + nickname + "\",\"deviceSecret\":\"" + deviceSecret() + "\"}")
				.header("X-Real-IP", address)
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 201) {
				return new Joined(null, "HTTP " + response.statusCode());
			}
			return new Joined(this.json.readTree(response.body()).get("token").asString(), null);
		}
		catch (IOException ex) {
			return new Joined(null, ex.getClass().getSimpleName());
		}
	}

	/** A new device's secret, as the web app makes it: 32 random bytes, base64url. */
	private static String deviceSecret() {
		byte[] bytes = new byte[32];
		ThreadLocalRandom.current().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Where session-service answers, without the gateway. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Sends a host's control ({@code start}, {@code reveal}, {@code next}) for the
	 * session to session-service at {@code baseUrl} (itself or a gateway in front of it).
	 */
	public CompletableFuture<HttpResponse<String>> control(String baseUrl, UUID sessionId, String action,
			String hostToken) {
		return this.http
			.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + "/api/sessions/" + sessionId + "/" + action))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + hostToken)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** session-service's Prometheus exposition. */
	public String scrape() throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/** Ends the session (its sockets close with the session-over code). */
	public void end(UUID sessionId, String hostToken) throws IOException, InterruptedException {
		this.http.send(
				post("/api/sessions/" + sessionId + "/end", "").header("Authorization", "Bearer " + hostToken).build(),
				HttpResponse.BodyHandlers.discarding());
	}

	private HttpRequest.Builder post(String path, String body) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	@Override
	public void close() {
		this.process.close();
		this.http.close();
		try {
			postgres("dropdb", "--force", this.database);
		}
		catch (IOException ex) {
			System.err.println("  could not drop database " + this.database + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void postgres(String... command) throws IOException, InterruptedException {
		List<String> full = new ArrayList<>(List.of(command[0], "-h", "127.0.0.1", "-U", "postgres"));
		full.addAll(List.of(command).subList(1, command.length));
		Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException(String.join(" ", full) + " failed: " + output);
		}
	}

	/** A session opened by the bench's host. */
	public record Created(UUID id, String pin) {
	}

	/** The outcome of one join. */
	public record Joined(String token, String refusal) {
	}

}
