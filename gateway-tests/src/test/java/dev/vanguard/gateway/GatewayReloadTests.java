package dev.vanguard.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reload of the gateway (a changed configuration, a renewed certificate) keeps every
 * player's open WebSocket: the old workers go on serving the connections they hold while
 * the new ones take the new connections.
 */
class GatewayReloadTests {

	private static final Path ROOT = Path.of(System.getProperty("vanguard.root", "..")).toAbsolutePath().normalize();

	/**
	 * How long the socket must outlive the reload: longer than the 10 s after which the
	 * gateway used to close what its old workers still held.
	 */
	private static final Duration HELD_AFTER_RELOAD = Duration.ofSeconds(15);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void keepsAnOpenWebSocketAcrossAReload() throws Exception {
		Path webRoot = Files.createTempDirectory("vanguard-web-root");
		try (HttpUpstream before = new HttpUpstream("before");
				HttpUpstream after = new HttpUpstream("after");
				WebSocketUpstream realtime = new WebSocketUpstream();
				Nginx nginx = Nginx.start(ROOT, upstreams(before, realtime, webRoot))) {
			Echoes echoes = new Echoes();
			WebSocket socket = this.client.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + nginx.port() + "/ws?token=abc"), echoes)
				.get(10, TimeUnit.SECONDS);
			try {
				assertThat(echoes.texts.poll(10, TimeUnit.SECONDS)).isEqualTo(WebSocketUpstream.GREETING);

				nginx.reload(ROOT, upstreams(after, realtime, webRoot));
				// the new workers serve the new configuration
				await().atMost(Duration.ofSeconds(20)).until(() -> service(nginx).equals("service=after"));

				await().during(HELD_AFTER_RELOAD)
					.atMost(HELD_AFTER_RELOAD.plusSeconds(10))
					.until(() -> !echoes.closed.isDone());
				socket.sendText("still here", true).get(5, TimeUnit.SECONDS);
				assertThat(echoes.texts.poll(10, TimeUnit.SECONDS)).isEqualTo("still here");
			}
			finally {
				socket.abort();
			}
		}
		finally {
			Files.deleteIfExists(webRoot);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "deploy/nginx/local/nginx.conf", "deploy/nginx/docker/nginx.conf" })
	void setsNoShutdownTimeoutThatWouldCutOpenSocketsAfterAReload(String configuration) throws IOException {
		assertThat(Files.readAllLines(ROOT.resolve(configuration)))
			.noneMatch((line) -> line.strip().startsWith("worker_shutdown_timeout"));
	}

	private String service(Nginx nginx) throws IOException, InterruptedException {
		String body = this.client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + "/api/auth/login"))
				.timeout(Duration.ofSeconds(5))
				.build(), BodyHandlers.ofString())
			.body();
		return body.lines().findFirst().orElse("");
	}

	private static Map<String, String> upstreams(HttpUpstream http, WebSocketUpstream realtime, Path webRoot) {
		return Map.of("AUTH_UPSTREAM", http.address(), "QUIZ_UPSTREAM", http.address(), "SESSION_UPSTREAM",
				http.address(), "REALTIME_UPSTREAM", realtime.address(), "WEB_ROOT", webRoot.toString());
	}

	/** Collects the text frames a client receives and notes when its socket ends. */
	private static final class Echoes implements WebSocket.Listener {

		private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

		private final CompletableFuture<String> closed = new CompletableFuture<>();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.texts.add(data.toString());
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete("closed " + statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.complete("failed: " + error);
		}

	}

}
