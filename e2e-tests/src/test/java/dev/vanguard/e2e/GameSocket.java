package dev.vanguard.e2e;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * One WebSocket of a phone or of the host's screen, on the gateway's {@code /ws}, that
 * keeps the frames as a client following docs/protocol.md applies them: the first is the
 * catch-up, and an event frame counts only when its {@code seq} is new.
 */
final class GameSocket implements WebSocket.Listener, AutoCloseable {

	/** Generous for a busy two-core machine; a frame that takes longer is lost. */
	static final Duration WAIT = Duration.ofSeconds(40);

	/** Frames caused by a session event, which carry that event's {@code seq}. */
	private static final Set<String> EVENT_FRAMES = Set.of("lobby", "players_joined", "player_kicked", "player_count",
			"question", "reveal", "result", "podium", "final_result", "session_ended");

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String name;

	private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

	private final List<JsonNode> skipped = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	/**
	 * {@code type:seq} of the event frames applied (only the listener thread uses it).
	 */
	private final Set<String> applied = new HashSet<>();

	private long catchupSeq = -1;

	private long lastSeq = -1;

	private volatile WebSocket socket;

	private GameSocket(String name) {
		this.name = name;
	}

	static GameSocket host(Host host, UUID sessionId) {
		return connect("host", "/ws?token=" + encode(host.accessToken()) + "&session=" + sessionId);
	}

	static GameSocket player(Sessions.Player player) {
		return connect(player.nickname(), "/ws?token=" + encode(player.token()));
	}

	private static GameSocket connect(String name, String pathAndQuery) {
		GameSocket listener = new GameSocket(name);
		try {
			listener.socket = CLIENT.newWebSocketBuilder()
				.connectTimeout(Duration.ofSeconds(10))
				.header("Origin", Gateway.ORIGIN)
				.buildAsync(Gateway.webSocket(pathAndQuery), listener)
				.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError(name + " could not open /ws through the gateway", ex);
		}
		return listener;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			receive(Gateway.JSON.readTree(this.partial.toString()));
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.completeExceptionally(error);
	}

	/**
	 * The client's rule of docs/protocol.md: the catch-up sets the mark, an event frame
	 * applies when its seq is above it and not behind the last one applied. A reveal and
	 * the player's result share their event's seq, so a repeat is one of the same type
	 * and seq.
	 */
	private void receive(JsonNode frame) {
		String type = frame.path("type").asString();
		long seq = frame.path("seq").asLong();
		if (type.equals("catchup")) {
			this.catchupSeq = seq;
			this.lastSeq = seq;
			this.frames.add(frame);
		}
		else if (!EVENT_FRAMES.contains(type)) {
			this.frames.add(frame);
		}
		else if (seq > this.catchupSeq && seq >= this.lastSeq && this.applied.add(type + ":" + seq)) {
			this.lastSeq = seq;
			this.frames.add(frame);
		}
		else {
			this.skipped.add(frame);
		}
	}

	void send(Object frame) {
		try {
			this.socket.sendText(Gateway.JSON.writeValueAsString(frame), true).get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError(this.name + " could not send " + frame, ex);
		}
	}

	void answer(int questionIndex, List<Integer> options) {
		send(Map.of("type", "answer", "questionIndex", questionIndex, "options", options));
	}

	void answer(int questionIndex, String text) {
		send(Map.of("type", "answer", "questionIndex", questionIndex, "text", text));
	}

	/** The first frame of {@code type} that matches, waiting for it if need be. */
	JsonNode await(String type, Predicate<JsonNode> matching) {
		try {
			return Awaitility.await()
				.atMost(WAIT)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> find(type, matching), Optional::isPresent)
				.orElseThrow();
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(
					this.name + " got no matching '" + type + "' frame within " + WAIT + "; it got: " + describe(), ex);
		}
	}

	/** The first frame of {@code type} about question {@code questionIndex}. */
	JsonNode await(String type, int questionIndex) {
		return await(type, (frame) -> frame.path("questionIndex").asInt(-1) == questionIndex);
	}

	JsonNode await(String type) {
		return await(type, (frame) -> true);
	}

	List<JsonNode> all(String type) {
		return this.frames.stream().filter((frame) -> frame.path("type").asString().equals(type)).toList();
	}

	/** The close code the server sent, waiting for it if need be. */
	int awaitClose() {
		try {
			return this.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError(this.name + "'s socket was not closed by the server; it got: " + describe(), ex);
		}
	}

	String describe() {
		return this.frames.stream().map(JsonNode::toString).collect(Collectors.joining("\n  ", "\n  ", ""))
				+ (this.skipped.isEmpty() ? "" : "\n  skipped as already seen: " + this.skipped);
	}

	/**
	 * Closes the socket as a reloading browser tab does, and waits for the server's
	 * answer.
	 */
	@Override
	public void close() {
		if (this.closed.isDone()) {
			return;
		}
		try {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
			this.closed.get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the server did not answer the close in time: drop the connection
		}
		finally {
			this.socket.abort();
		}
	}

	private Optional<JsonNode> find(String type, Predicate<JsonNode> matching) {
		return this.frames.stream()
			.filter((frame) -> frame.path("type").asString().equals(type))
			.filter(matching)
			.findFirst();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
