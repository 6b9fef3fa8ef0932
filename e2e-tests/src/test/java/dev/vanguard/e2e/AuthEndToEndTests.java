package dev.vanguard.e2e;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 2's round trip through the gateway: register, sign in, who am I, refresh with the
 * cookie, sign out, and the spent cookie is refused afterwards.
 */
class AuthEndToEndTests {

	private static final String COOKIE = "vanguard_refresh";

	@Test
	void hostRegistersSignsInRefreshesAndSignsOut() {
		String email = Names.email("auth");
		String password = Names.password();
		JsonNode registered = Gateway
			.post("/api/auth/register", null,
					Map.of("email", email.toUpperCase(Locale.ROOT), "password", password, "displayName", "Round Trip"))
			.expect(201)
			.json();
		String id = registered.path("id").asString();
		assertThat(registered.path("email").asString()).isEqualTo(email);
		assertThat(registered.path("displayName").asString()).isEqualTo("Round Trip");
		assertThat(registered.has("createdAt")).isTrue();
		assertThat(registered.has("password")).isFalse();

		Reply login = Gateway.post("/api/auth/login", null, Map.of("email", email, "password", password)).expect(200);
		JsonNode session = login.json();
		assertThat(session.path("tokenType").asString()).isEqualTo("Bearer");
		assertThat(session.path("expiresIn").asInt()).isBetween(60, 900);
		assertThat(session.path("user").path("id").asString()).isEqualTo(id);
		String accessToken = session.path("accessToken").asString();
		JsonNode claims = claims(accessToken);
		assertThat(claims.path("iss").asString()).isEqualTo("vanguard-auth");
		assertThat(claims.path("sub").asString()).isEqualTo(id);
		assertThat(claims.path("scope").asString()).isEqualTo("host");
		assertThat(claims.path("email").asString()).isEqualTo(email);
		assertThat(claims.path("name").asString()).isEqualTo("Round Trip");
		String cookie = refreshCookie(login);

		JsonNode me = Gateway.get("/api/auth/me", accessToken).expect(200).json();
		assertThat(me.path("id").asString()).isEqualTo(id);
		assertThat(me.path("email").asString()).isEqualTo(email);

		Reply refreshed = refresh(cookie).expect(200);
		String rotated = refreshCookie(refreshed);
		assertThat(rotated).isNotEqualTo(cookie);
		String newAccessToken = refreshed.json().path("accessToken").asString();
		assertThat(claims(newAccessToken).path("sub").asString()).isEqualTo(id);
		assertThat(Gateway.get("/api/auth/me", newAccessToken).expect(200).json().path("id").asString()).isEqualTo(id);

		Reply logout = cookieRequest("/api/auth/logout", rotated).expect(204);
		assertThat(logout.headers("Set-Cookie"))
			.anySatisfy((header) -> assertThat(header).startsWith(COOKIE + "=").containsIgnoringCase("Max-Age=0"));

		refresh(rotated).expectProblem(401, "invalid-refresh-token");
	}

	@Test
	void demoHostSignsIn() {
		JsonNode session = Gateway
			.post("/api/auth/login", null, Map.of("email", "demo@vanguard.local", "password", "vanguard-demo-1"))
			.expect(200)
			.json();
		JsonNode me = Gateway.get("/api/auth/me", session.path("accessToken").asString()).expect(200).json();
		assertThat(me.path("id").asString()).isEqualTo("00000000-0000-0000-0000-00000000d3e0");
		assertThat(me.path("email").asString()).isEqualTo("demo@vanguard.local");
	}

	@Test
	void refusesWhoAmIWithoutToken() {
		Gateway.get("/api/auth/me", null).expectProblem(401, "unauthorized");
	}

	@Test
	void refusesRefreshWithoutCookie() {
		Gateway
			.send(Gateway.request("/api/auth/refresh")
				.header("Origin", Gateway.ORIGIN)
				.header("Sec-Fetch-Site", "same-origin")
				.POST(BodyPublishers.noBody()))
			.expectProblem(401, "invalid-refresh-token");
	}

	/** POSTs to a cookie endpoint the way the web app's page does: same origin. */
	private static Reply cookieRequest(String path, String cookie) {
		return Gateway.send(Gateway.request(path)
			.header("Cookie", COOKIE + "=" + cookie)
			.header("Origin", Gateway.ORIGIN)
			.header("Sec-Fetch-Site", "same-origin")
			.POST(BodyPublishers.noBody()));
	}

	private static Reply refresh(String cookie) {
		return cookieRequest("/api/auth/refresh", cookie);
	}

	/**
	 * The refresh cookie the reply sets, after checking it is out of reach of scripts,
	 * sent only to the auth paths and never cross-site.
	 */
	private static String refreshCookie(Reply reply) {
		String header = reply.headers("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith(COOKIE + "="))
			.findFirst()
			.orElseThrow(() -> new AssertionError(reply.request() + " set no " + COOKIE + " cookie"));
		List<String> attributes = Arrays.stream(header.split(";")).map(String::strip).toList();
		assertThat(attributes).as(header)
			.contains("HttpOnly", "Path=/api/auth")
			.anySatisfy((attribute) -> assertThat(attribute).isEqualToIgnoringCase("SameSite=Strict"));
		if (Gateway.BASE.getScheme().equals("http")) {
			assertThat(attributes).as("no Secure flag over plain HTTP: " + header).doesNotContain("Secure");
		}
		String value = attributes.get(0).substring(COOKIE.length() + 1);
		assertThat(value).isNotBlank();
		return value;
	}

	private static JsonNode claims(String jwt) {
		String[] parts = jwt.split("\\.");
		assertThat(parts).hasSize(3);
		return Gateway.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
	}

}
