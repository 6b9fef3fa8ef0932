package dev.vanguard.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.awaitility.Awaitility;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small WebSocket client on Reactor Netty: every client of a test run shares two event
 * loops, so hundreds of them cost no thread each. Records every frame and the close code.
 */
final class TestClient implements AutoCloseable {

	static final LoopResources LOOPS = LoopResources.create("test-ws-client", 2, true);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

	private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

	private volatile Integer closeCode;

	private volatile String closeReason;

	private volatile boolean connected;

	private final Disposable connection;

	private TestClient(int port, String query, String origin) {
		HttpClient http = HttpClient.create(ConnectionProvider.newConnection()).runOn(LOOPS).headers((headers) -> {
			if (origin != null) {
				headers.set(HttpHeaderNames.ORIGIN, origin);
			}
		});
		this.connection = http.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(4 * 1024 * 1024).build())
			.uri("ws://127.0.0.1:" + port + "/ws" + ((query != null) ? "?" + query : ""))
			.handle((in, out) -> {
				this.connected = true;
				in.receiveCloseStatus().subscribe((status) -> {
					this.closeReason = status.reasonText();
					this.closeCode = status.code();
				});
				Mono<Void> reading = in.aggregateFrames(4 * 1024 * 1024)
					.receive()
					.asString()
					.doOnNext((text) -> this.frames.add(JSON.readTree(text)))
					.then();
				// A write refused by a closing socket must not stop the reading of its
				// close frame.
				Mono<Void> writing = out.sendString(this.outgoing.asFlux())
					.then()
					.onErrorResume((ex) -> Mono.empty())
					.then(Mono.never());
				return Mono.firstWithSignal(reading, writing);
			})
			.then()
			// Once upgraded, the close status (1006 when the socket just drops) says how
			// it ended.
			.subscribe(null, (ex) -> notUpgraded(), this::notUpgraded);
	}

	private void notUpgraded() {
		if (!this.connected && this.closeCode == null) {
			this.closeCode = -1;
		}
	}

	/**
	 * The origin the tests allow; Netty's handshaker would otherwise send the server's
	 * own.
	 */
	static final String ORIGIN = "http://localhost:8080";

	static TestClient connect(int port, String query) {
		return new TestClient(port, query, ORIGIN);
	}

	static TestClient connect(int port, String query, String origin) {
		return new TestClient(port, query, origin);
	}

	void send(String json) {
		this.outgoing.emitNext(json, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	void answer(int questionIndex, int... options) {
		StringBuilder list = new StringBuilder();
		for (int option : options) {
			list.append((list.length() > 0) ? "," : "").append(option);
		}
		send("{\"type\":\"answer\",\"questionIndex\":" + questionIndex + ",\"options\":[" + list + "]}");
	}

	void answerText(int questionIndex, String text) {
		send("{\"type\":\"answer\",\"questionIndex\":" + questionIndex + ",\"text\":" + JSON.writeValueAsString(text)
				+ "}");
	}

	List<JsonNode> frames() {
		return this.frames;
	}

	List<JsonNode> frames(String type) {
		return this.frames.stream().filter((frame) -> type.equals(frame.path("type").asString())).toList();
	}

	List<JsonNode> frames(String type, Predicate<JsonNode> matching) {
		return frames(type).stream().filter(matching).toList();
	}

	/** Waits for the first frame of {@code type}. */
	JsonNode await(String type) {
		return await(type, (frame) -> true);
	}

	JsonNode await(String type, Predicate<JsonNode> matching) {
		Awaitility.await().atMost(WAIT).until(() -> find(type, matching) != null);
		return find(type, matching);
	}

	/** Waits for the {@code n}th frame (1-based) of {@code type}. */
	JsonNode awaitNth(String type, int n) {
		Awaitility.await().atMost(WAIT).until(() -> frames(type).size() >= n);
		return frames(type).get(n - 1);
	}

	/** The nicknames of every players_joined frame so far, in the order they came. */
	List<String> joinedNicknames() {
		return frames("players_joined").stream()
			.flatMap((frame) -> frame.path("players").valueStream())
			.map((player) -> player.path("nickname").asString())
			.toList();
	}

	/** Waits until players_joined frames named {@code n} players in all. */
	List<String> awaitJoined(int n) {
		Awaitility.await().atMost(WAIT).until(() -> joinedNicknames().size() >= n);
		return joinedNicknames();
	}

	private JsonNode find(String type, Predicate<JsonNode> matching) {
		return this.frames.stream()
			.filter((frame) -> type.equals(frame.path("type").asString()) && matching.test(frame))
			.findFirst()
			.orElse(null);
	}

	int awaitClose() {
		Awaitility.await().atMost(WAIT).until(() -> this.closeCode != null);
		return this.closeCode;
	}

	Integer closeCode() {
		return this.closeCode;
	}

	String closeReason() {
		return this.closeReason;
	}

	boolean isConnected() {
		return this.connected && this.closeCode == null;
	}

	@Override
	public void close() {
		this.outgoing.tryEmitComplete();
		this.connection.dispose();
	}

}
