package dev.vanguard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running platform, reached only through its gateway, the one origin a browser knows.
 * Where it is comes from the system property {@code vanguard.e2e.base-url} (set by the
 * build), else the environment variable {@code VANGUARD_E2E_BASE_URL}, else
 * {@code http://localhost:8080}.
 */
final class Gateway {

	static final URI BASE = URI
		.create(setting("vanguard.e2e.base-url", "VANGUARD_E2E_BASE_URL", "http://localhost:8080"));

	/** What a page served by the gateway sends as its {@code Origin}. */
	static final String ORIGIN = BASE.getScheme() + "://" + BASE.getAuthority();

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Long enough for a busy two-core machine, short enough to fail rather than hang. */
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static volatile boolean checked;

	private Gateway() {
	}

	static HttpRequest.Builder request(String path) {
		requireRunning();
		return HttpRequest.newBuilder(BASE.resolve(path)).timeout(TIMEOUT);
	}

	static HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = request(path);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	static Reply get(String path, String token) {
		return send(request(path, token).GET());
	}

	static Reply post(String path, String token, Object body) {
		return send(request(path, token).header("Content-Type", "application/json").POST(json(body)));
	}

	static Reply post(String path, String token) {
		return send(request(path, token).POST(BodyPublishers.noBody()));
	}

	static Reply put(String path, String token, Object body) {
		return send(request(path, token).header("Content-Type", "application/json").PUT(json(body)));
	}

	static Reply send(HttpRequest.Builder request) {
		HttpRequest built = request.build();
		try {
			return new Reply(built.method() + " " + built.uri().getPath(),
					HTTP.send(built, BodyHandlers.ofByteArray()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	static BodyPublisher json(Object body) {
		String text = (body instanceof String string) ? string : JSON.writeValueAsString(body);
		return BodyPublishers.ofString(text, StandardCharsets.UTF_8);
	}

	/** {@code ws://…/ws?…} on the gateway. */
	static URI webSocket(String pathAndQuery) {
		String scheme = BASE.getScheme().equals("https") ? "wss" : "ws";
		return URI.create(scheme + "://" + BASE.getAuthority() + pathAndQuery);
	}

	/**
	 * Fails at once, saying what to do, when nothing answers at the gateway: every test
	 * here needs the platform of {@code ./vanguard up}.
	 */
	private static void requireRunning() {
		if (checked) {
			return;
		}
		HttpRequest health = HttpRequest.newBuilder(BASE.resolve("/gateway/health")).timeout(TIMEOUT).build();
		try {
			int status = HTTP.send(health, BodyHandlers.discarding()).statusCode();
			assertThat(status).as("GET %s/gateway/health", BASE).isEqualTo(200);
		}
		catch (IOException ex) {
			throw new AssertionError("Nothing answers at " + BASE
					+ ": these tests need the platform of ./vanguard up (./vanguard test starts it).", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		checked = true;
	}

	private static String setting(String property, String environment, String fallback) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			value = System.getenv(environment);
		}
		return (value == null || value.isBlank()) ? fallback : value.strip();
	}

}
