package dev.vanguard.e2e;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Game sessions through session-service's API (docs/api/sessions.md). */
final class Sessions {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Sessions() {
	}

	/** Opens a session of the quiz for the host; the answer is {@code SessionCreated}. */
	static JsonNode open(Host host, UUID quizId) {
		return Gateway.post("/api/sessions", host.accessToken(), Map.of("quizId", quizId)).expect(201).json();
	}

	/**
	 * What a phone does with a PIN and a nickname: looks the game up, then joins it.
	 */
	static Player join(String pin, String nickname) {
		JsonNode found = Gateway.get("/api/sessions/pin/" + pin, null).expect(200).json();
		assertThat(found.path("joinable").asBoolean()).as("PIN %s joinable: %s", pin, found).isTrue();
		JsonNode joined = Gateway
			.post("/api/sessions/pin/" + pin + "/players", null,
					Map.of("nickname", nickname, "deviceSecret", deviceSecret()))
			.expect(201)
			.json();
		assertThat(joined.path("sessionId").asString()).isEqualTo(found.path("sessionId").asString());
		assertThat(joined.path("nickname").asString()).isEqualTo(nickname);
		return new Player(UUID.fromString(joined.path("playerId").asString()), nickname,
				joined.path("token").asString(), UUID.fromString(joined.path("sessionId").asString()));
	}

	/** What the web app sends with a join: 32 random bytes, base64url without padding. */
	static String deviceSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A host control ({@code start}, {@code next}, {@code reveal}, {@code end}…). */
	static JsonNode control(Host host, UUID sessionId, String action) {
		return Gateway.post("/api/sessions/" + sessionId + "/" + action, host.accessToken()).expect(200).json();
	}

	/**
	 * Ends the session whatever state it is in, without asserting anything: clean-up
	 * after a test that may have failed half-way (409 when it had ended already).
	 */
	static void endQuietly(Host host, UUID sessionId) {
		Gateway.post("/api/sessions/" + sessionId + "/end", host.accessToken());
	}

	static JsonNode details(Host host, UUID sessionId) {
		return Gateway.get("/api/sessions/" + sessionId, host.accessToken()).expect(200).json();
	}

	static UUID id(JsonNode session) {
		return UUID.fromString(session.path("id").asString());
	}

	/**
	 * A player who joined.
	 *
	 * @param token the player token, good for nothing but this player's socket
	 */
	record Player(UUID id, String nickname, String token, UUID sessionId) {
	}

}
