package dev.vanguard.e2e;

import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A host account made for one test, signed in.
 *
 * @param id the user id (the {@code sub} of the access token)
 * @param accessToken the bearer token for the REST services and the host's socket
 */
record Host(UUID id, String email, String password, String displayName, String accessToken) {

	/** Registers a new host through the gateway and signs it in. */
	static Host register(String label) {
		String email = Names.email(label);
		String password = Names.password();
		String displayName = "E2E " + label;
		Gateway
			.post("/api/auth/register", null, Map.of("email", email, "password", password, "displayName", displayName))
			.expect(201);
		return login(email, password);
	}

	static Host login(String email, String password) {
		JsonNode body = Gateway.post("/api/auth/login", null, Map.of("email", email, "password", password))
			.expect(200)
			.json();
		JsonNode user = body.path("user");
		return new Host(UUID.fromString(user.path("id").asString()), email, password,
				user.path("displayName").asString(), body.path("accessToken").asString());
	}

}
