package dev.vanguard.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the running service, as a browser or another service would call
 * it. Each instance is one client address (sent as X-Forwarded-For from the trusted
 * loopback), so tests never share login-throttling counters.
 */
public final class AuthHttp {

	public static final String COOKIE = "vanguard_refresh";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private final String clientAddress;

	public AuthHttp(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.clientAddress = randomPublicAddress();
	}

	public static String uniqueEmail(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	public static String json(Map<String, ?> fields) {
		return JSON.writeValueAsString(fields);
	}

	public String baseUrl() {
		return this.base;
	}

	public String clientAddress() {
		return this.clientAddress;
	}

	public Reply register(String email, String password, String displayName) {
		return post("/api/auth/register",
				json(fields("email", email, "password", password, "displayName", displayName)));
	}

	public Reply login(String email, String password) {
		return post("/api/auth/login", json(fields("email", email, "password", password)));
	}

	/** Registers a fresh account and signs it in. */
	public Reply registerAndLogin(String prefix) {
		String email = uniqueEmail(prefix);
		Reply registered = register(email, "a perfectly fine passphrase", "Host " + prefix);
		if (registered.status() != 201) {
			throw new IllegalStateException("register failed: " + registered);
		}
		return login(email, "a perfectly fine passphrase");
	}

	public Reply refresh(String refreshToken, String... headers) {
		return send("POST", "/api/auth/refresh", null, withCookie(refreshToken, headers));
	}

	public Reply logout(String refreshToken, String... headers) {
		return send("POST", "/api/auth/logout", null, withCookie(refreshToken, headers));
	}

	public Reply me(String accessToken) {
		return send("GET", "/api/auth/me", null, "Authorization", "Bearer " + accessToken);
	}

	public Reply get(String path, String... headers) {
		return send("GET", path, null, headers);
	}

	public Reply post(String path, String body, String... headers) {
		return send("POST", path, body, headers);
	}

	/** Headers come as name, value pairs. */
	public Reply send(String method, String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.header("X-Forwarded-For", this.clientAddress);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String[] withCookie(String refreshToken, String... headers) {
		List<String> all = new ArrayList<>(List.of(headers));
		if (refreshToken != null) {
			all.add("Cookie");
			all.add(COOKIE + "=" + refreshToken);
		}
		return all.toArray(String[]::new);
	}

	private static Map<String, Object> fields(Object... namesAndValues) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return fields;
	}

	// 198.18.0.0/15 (benchmarking range): outside Tomcat's internal-proxy list, so the
	// service takes it as the client's own address.
	private static String randomPublicAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

	/** One HTTP response. */
	public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String contentType() {
			return this.headers.firstValue("Content-Type").orElse("");
		}

		/** The Set-Cookie header that sets or clears the refresh cookie. */
		public Optional<String> refreshCookieHeader() {
			return this.headers.allValues("Set-Cookie").stream().filter((c) -> c.startsWith(COOKIE + "=")).findFirst();
		}

		/** The refresh token the response hands out. */
		public String refreshToken() {
			String header = refreshCookieHeader().orElseThrow(() -> new IllegalStateException("no refresh cookie"));
			return header.substring(COOKIE.length() + 1, header.indexOf(';'));
		}

		public String accessToken() {
			return json().get("accessToken").asString();
		}

	}

}
