package dev.vanguard.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.vanguard.gateway.WebSocketUpstream.Handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway template routes each prefix to its service through a real nginx, with
 * stand-in upstreams on random ports.
 */
class GatewayRoutingTests {

	private static final Path ROOT = Path.of(System.getProperty("vanguard.root", "..")).toAbsolutePath().normalize();

	private static final int MIB = 1024 * 1024;

	private static HttpUpstream auth;

	private static HttpUpstream quiz;

	private static HttpUpstream session;

	private static WebSocketUpstream realtime;

	private static Nginx nginx;

	private static Path webRoot;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startGateway() throws IOException {
		// A stand-in for frontend/dist as Vite builds it: index.html and hashed assets.
		webRoot = Files.createTempDirectory("vanguard-web-root");
		Files.writeString(webRoot.resolve("index.html"),
				"<!doctype html><title>Vanguard</title><script type=\"module\" src=\"/assets/index-Ab12Cd34.js\"></script>");
		Files.createDirectories(webRoot.resolve("assets"));
		Files.writeString(webRoot.resolve("assets/index-Ab12Cd34.js"), "console.log('vanguard');");
		auth = new HttpUpstream("auth");
		quiz = new HttpUpstream("quiz");
		session = new HttpUpstream("session");
		realtime = new WebSocketUpstream();
		nginx = Nginx.start(ROOT,
				Map.of("AUTH_UPSTREAM", auth.address(), "QUIZ_UPSTREAM", quiz.address(), "SESSION_UPSTREAM",
						session.address(), "REALTIME_UPSTREAM", realtime.address(), "WEB_ROOT", webRoot.toString()));
	}

	@AfterAll
	static void stopGateway() throws IOException {
		if (nginx != null) {
			nginx.close();
		}
		auth.close();
		quiz.close();
		session.close();
		realtime.close();
		try (var files = Files.walk(webRoot)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	@ParameterizedTest
	@CsvSource({ "/api/auth/login, auth", "/api/auth/docs, auth", "/api/quizzes, quiz", "/api/quizzes?page=2, quiz",
			"/api/quizzes/42/questions, quiz", "/api/sessions, session", "/api/sessions/abc/results.csv, session",
			"/api/sessions/.well-known/jwks.json, session" })
	void routesEachPrefixToItsServiceWithThePathUnchanged(String path, String service)
			throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);

		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, String> seen = parse(response.body());
		assertThat(seen).containsEntry("service", service).containsEntry("uri", path);
	}

	@Test
	void postsToACollectionWithoutARedirect() throws IOException, InterruptedException {
		HttpResponse<String> response = post("/api/sessions", 64);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(parse(response.body())).containsEntry("service", "session")
			.containsEntry("method", "POST")
			.containsEntry("uri", "/api/sessions")
			.containsEntry("body", "64");
	}

	@Test
	void leavesLookalikePrefixesToTheFrontend() throws IOException, InterruptedException {
		int before = quiz.requests();

		HttpResponse<String> response = get("/api/quizzesque");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(quiz.requests()).isEqualTo(before);
	}

	@ParameterizedTest
	@CsvSource({ "/actuator/health", "/actuator/env", "/api/auth/..;/..;/actuator/env",
			"/api/sessions/%2e%2e;/..;/actuator/prometheus", "/api/quizzes/ACTUATOR" })
	void keepsTheManagementEndpointsUnreachable(String path) throws IOException, InterruptedException {
		int before = auth.requests() + quiz.requests() + session.requests();

		HttpResponse<String> response = get(path);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(auth.requests() + quiz.requests() + session.requests()).isEqualTo(before);
	}

	@Test
	void tellsServicesWhoAskedAndThroughWhichOrigin() throws IOException, InterruptedException {
		Map<String, String> seen = parse(get("/api/auth/me").body());

		String origin = "127.0.0.1:" + nginx.port();
		assertThat(seen).containsEntry("host", origin)
			.containsEntry("x-forwarded-host", origin)
			.containsEntry("x-forwarded-proto", "http")
			.containsEntry("x-forwarded-port", Integer.toString(nginx.port()))
			.containsEntry("x-forwarded-for", "127.0.0.1");
	}

	@Test
	void replacesAForwardedForThatTheClientMadeUp() throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(uri("/api/auth/login"))
			.timeout(Duration.ofSeconds(10))
			.header("X-Forwarded-For", "203.0.113.7")
			.build(), BodyHandlers.ofString());

		assertThat(parse(response.body())).containsEntry("x-forwarded-for", "127.0.0.1");
	}

	@Test
	void acceptsImageUploadsOfTwoMebibytes() throws IOException, InterruptedException {
		HttpResponse<String> response = post("/api/quizzes/images", 2 * MIB + 4096);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(parse(response.body())).containsEntry("service", "quiz")
			.containsEntry("body", Integer.toString(2 * MIB + 4096));
	}

	@Test
	void refusesBodiesOverThreeMebibytesWithoutBotheringTheService() throws IOException, InterruptedException {
		int before = quiz.requests();

		HttpResponse<String> response = post("/api/quizzes/images", 3 * MIB + 1);

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":413", "/problems/payload-too-large");
		assertThat(quiz.requests()).isEqualTo(before);
	}

	@ParameterizedTest
	@CsvSource({ "/", "/play/123456", "/api/quizzes", "/api/scores/1", "/.well-known/jwks.json" })
	void sendsSecurityHeadersOnEveryAnswer(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);

		String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
		assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
				"object-src 'none'", "img-src 'self' https: data: blob:",
				"connect-src 'self' ws://127.0.0.1:" + nginx.port());
		assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		// plain HTTP: no HSTS (it is sent only where the gateway speaks HTTPS)
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void logsPathsWithoutTheTokensOfTheirQueries() throws Exception {
		String token = "eyJhbGciOiJSUzI1NiJ9.secret-" + System.nanoTime();
		get("/api/sessions?token=" + token);
		get("/api/quizzes/42?access_token=" + token);
		WebSocket socket = this.client.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + nginx.port() + "/ws?token=" + token), new WebSocket.Listener() {
			})
			.get(10, TimeUnit.SECONDS);
		socket.abort();
		HttpRequest withReferer = HttpRequest.newBuilder(uri("/api/auth/login"))
			.header("Referer", "http://127.0.0.1/ws?token=" + token)
			.build();
		this.client.send(withReferer, BodyHandlers.ofString());

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(nginx.accessLog()).contains("GET /api/sessions ", "GET /api/quizzes/42 ",
					"GET /ws ", "GET /api/auth/login "));
		assertThat(nginx.accessLog()).doesNotContain(token).doesNotContain("token=");
	}

	@Test
	void servesTheFrontendAtTheRoot() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("<title>Vanguard</title>");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
	}

	@Test
	void servesTheFrontendForClientSideRoutes() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/join/123456");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("<title>Vanguard</title>");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
	}

	@Test
	void cachesHashedAssetsForAYear() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/assets/index-Ab12Cd34.js");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("vanguard");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
	}

	@Test
	void answersAMissingAssetWithNotFoundRatherThanThePage() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/assets/index-gone.js");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).doesNotContain("<title>Vanguard</title>");
	}

	@Test
	void keepsAuthKeysInternal() throws IOException, InterruptedException {
		int before = auth.requests();

		HttpResponse<String> response = get("/.well-known/jwks.json");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(auth.requests()).isEqualTo(before);
	}

	@Test
	void answersUnknownApiPathsWithAProblemNotThePage() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/api/scores/1");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":404");
	}

	@Test
	void answersItsOwnHealthCheck() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/gateway/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("UP\n");
	}

	@Test
	void upgradesWebSocketsToRealtimeBothWays() throws Exception {
		realtime.handshakes().clear();
		CompletableFuture<String> firstFrame = new CompletableFuture<>();
		WebSocket socket = this.client.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + nginx.port() + "/ws?token=abc"), new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					firstFrame.complete(data.toString());
					return null;
				}

			})
			.get(10, TimeUnit.SECONDS);
		try {
			assertThat(firstFrame.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocketUpstream.GREETING);
			Handshake handshake = realtime.handshakes().poll(10, TimeUnit.SECONDS);
			assertThat(handshake).isNotNull();
			assertThat(handshake.requestLine()).isEqualTo("GET /ws?token=abc HTTP/1.1");
			assertThat(handshake.headers()).containsEntry("upgrade", "websocket")
				.containsEntry("connection", "upgrade")
				.containsEntry("x-forwarded-for", "127.0.0.1")
				.containsKey("sec-websocket-key");
		}
		finally {
			socket.abort();
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
				BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, int bytes) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "image/png")
			.POST(BodyPublishers.ofByteArray(new byte[bytes]))
			.build(), BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		return URI.create("http://127.0.0.1:" + nginx.port() + path);
	}

	private static Map<String, String> parse(String body) {
		return body.lines()
			.filter((line) -> line.contains("="))
			.collect(Collectors.toMap((line) -> line.substring(0, line.indexOf('=')),
					(line) -> line.substring(line.indexOf('=') + 1)));
	}

}
