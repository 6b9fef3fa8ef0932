package dev.vanguard.session.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls session-service over real HTTP, as the gateway would: every request carries the
 * client address in {@code X-Real-IP}, a fresh one unless the test picks it, so tests do
 * not share a rate-limit budget; and a made-up {@code X-Forwarded-For}, which the service
 * must ignore. Remembers the sessions and addresses it used, for clean-up.
 */
public final class Api {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String base;

	final Set<UUID> sessions;

	final Set<String> addresses;

	Api(int port) {
		this(port, ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
	}

	private Api(int port, Set<UUID> sessions, Set<String> addresses) {
		this.base = "http://127.0.0.1:" + port;
		this.sessions = sessions;
		this.addresses = addresses;
	}

	/** The same client talking to another instance, cleaned up with this one. */
	public Api onPort(int port) {
		return new Api(port, this.sessions, this.addresses);
	}

	public Response get(String path, String token) {
		return send("GET", path, token, null, null);
	}

	public Response post(String path, String token, Object body) {
		return send("POST", path, token, (body != null) ? json(body) : null, null);
	}

	public Response delete(String path, String token) {
		return send("DELETE", path, token, null, null);
	}

	/**
	 * @param json the raw body, or {@code null}
	 * @param clientAddress the address the gateway reports, or {@code null} for a fresh
	 * one
	 */
	public Response send(String method, String path, String token, String json, String clientAddress) {
		String address = (clientAddress != null) ? clientAddress : randomAddress();
		this.addresses.add(address);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("X-Real-IP", address)
			.header("X-Forwarded-For", randomAddress())
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Opens a session of the quiz for its owner and returns the 201 body. */
	public JsonNode openSession(UUID hostId, UUID quizId, Map<String, Object> settings) {
		Response response = post("/api/sessions", HostKeys.token(hostId),
				(settings != null) ? Map.of("quizId", quizId, "settings", settings) : Map.of("quizId", quizId));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode body = response.json();
		track(UUID.fromString(body.path("id").asString()));
		return body;
	}

	/** Joins from a new device and returns the 201 body. */
	public JsonNode join(String pin, String nickname) {
		Response response = post("/api/sessions/pin/" + pin + "/players", null, joinBody(nickname));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	/** Runs a host control ({@code start}, {@code next}, …) and expects 200. */
	public JsonNode control(UUID hostId, UUID sessionId, String action) {
		Response response = post("/api/sessions/" + sessionId + "/" + action, HostKeys.token(hostId), null);
		assertThat(response.status()).as(action + ": " + response.body()).isEqualTo(200);
		return response.json();
	}

	/**
	 * The {@code i}th of many nicknames, spelt without digits or vowels: digits are read
	 * as letters by the block list ({@code 455} is a word), vowels make words.
	 */
	public static String nickname(String prefix, int i) {
		StringBuilder name = new StringBuilder(prefix);
		for (char digit : Integer.toString(i).toCharArray()) {
			name.append("bcdfghjmnp".charAt(digit - '0'));
		}
		return name.toString();
	}

	/** A join's body from a new device. */
	public static Map<String, Object> joinBody(String nickname) {
		return joinBody(nickname, deviceSecret());
	}

	public static Map<String, Object> joinBody(String nickname, String deviceSecret) {
		return Map.of("nickname", nickname, "deviceSecret", deviceSecret);
	}

	/** What the web app sends: 32 random bytes, base64url without padding. */
	public static String deviceSecret() {
		byte[] bytes = new byte[32];
		ThreadLocalRandom.current().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public void track(UUID sessionId) {
		this.sessions.add(sessionId);
	}

	private static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

	private static String json(Object body) {
		return (body instanceof String text) ? text : JSON.writeValueAsString(body);
	}

	public record Response(int status, HttpHeaders headers, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String contentType() {
			return this.headers.firstValue("Content-Type").orElse("");
		}

		/** Asserts an RFC 9457 problem with this status and returns it. */
		public JsonNode problem(int expectedStatus) {
			assertThat(this.status).as(this.body).isEqualTo(expectedStatus);
			assertThat(contentType()).startsWith("application/problem+json");
			JsonNode problem = json();
			assertThat(problem.path("type").asString()).startsWith("https://vanguard.dev/problems/");
			assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
			assertThat(problem.path("detail").asString()).isNotBlank();
			return problem;
		}

	}

}
