package dev.vanguard.auth.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vanguard.auth.AuthHttp;
import dev.vanguard.auth.AuthIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.vanguard.auth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@AuthIntegrationTest
class RegistrationIntegrationTests {

	private static final String PASSWORD = "a perfectly fine passphrase";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	AuthHttp http;

	@BeforeEach
	void client() {
		this.http = new AuthHttp(this.port);
	}

	@Test
	void registersHostAndReturnsAccountWithoutSecrets() {
		String email = AuthHttp.uniqueEmail("Alice");
		AuthHttp.Reply reply = this.http.register("  " + email.toUpperCase() + " ", PASSWORD, "  Alice  ");

		assertThat(reply.status()).isEqualTo(201);
		assertThat(reply.contentType()).startsWith("application/json");
		JsonNode user = reply.json();
		assertThat(user.propertyNames()).containsExactlyInAnyOrder("id", "email", "displayName", "createdAt");
		assertThat(UUID.fromString(user.get("id").asString())).isNotNull();
		assertThat(user.get("email").asString()).isEqualTo(email.toLowerCase());
		assertThat(user.get("displayName").asString()).isEqualTo("Alice");
		assertThat(user.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
	}

	@Test
	void storesOnlyAnArgon2HashOfThePassword() {
		String email = AuthHttp.uniqueEmail("hash");
		this.http.register(email, PASSWORD, "Hash");

		String stored = this.jdbc.sql("select password_hash from accounts where email = :email")
			.param("email", email)
			.query(String.class)
			.single();
		assertThat(stored).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$").doesNotContain(PASSWORD);
	}

	@Test
	void acceptsPasswordsLongerThanBcryptCouldHash() {
		String email = AuthHttp.uniqueEmail("long");
		String password = "long passphrase ".repeat(8);
		assertThat(password).hasSize(128);

		assertThat(this.http.register(email, password, "Long").status()).isEqualTo(201);
		assertThat(this.http.login(email, password).status()).isEqualTo(200);
		assertThat(this.http.login(email, password.substring(0, 127) + "X").status()).isEqualTo(401);
	}

	@Test
	void rejectsMissingFields() {
		JsonNode problem = assertProblem(this.http.post("/api/auth/register", "{}"), 400, "validation");

		assertThat(fields(problem)).contains("email", "password", "displayName");
	}

	@Test
	void rejectsOversizedFields() {
		String email = "a".repeat(243) + "@example.com";
		assertThat(email).hasSize(255);
		String body = AuthHttp.json(Map.of("email", email, "password", "p".repeat(129), "displayName", "d".repeat(51)));

		JsonNode problem = assertProblem(this.http.post("/api/auth/register", body), 400, "validation");

		assertThat(fields(problem)).containsOnly("email", "password", "displayName");
		assertThat(problem.get("errors").toString()).contains("at most 254", "10 to 128", "at most 50");
	}

	@Test
	void rejectsInvalidEmail() {
		JsonNode problem = assertProblem(this.http.register("not-an-email", PASSWORD, "Bob"), 400, "validation");

		assertThat(fields(problem)).containsExactly("email");
	}

	@Test
	void rejectsTooShortPassword() {
		JsonNode problem = assertProblem(this.http.register(AuthHttp.uniqueEmail("short"), "short1", "Bob"), 400,
				"validation");

		assertThat(fields(problem)).containsExactly("password");
		assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("must be 10 to 128 characters");
	}

	@Test
	void rejectsCommonPassword() {
		JsonNode problem = assertProblem(this.http.register(AuthHttp.uniqueEmail("common"), "Password123", "Bob"), 400,
				"weak-password");

		assertThat(problem.get("detail").asString()).contains("common");
		assertThat(fields(problem)).containsExactly("password");
	}

	@Test
	void rejectsPasswordThatIsTheEmailAddress() {
		String email = "someone-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";

		JsonNode whole = assertProblem(this.http.register(email, email.toUpperCase(), "Bob"), 400, "weak-password");
		JsonNode localPart = assertProblem(this.http.register(email, email.substring(0, email.indexOf('@')), "Bob"),
				400, "weak-password");

		assertThat(whole.get("detail").asString()).contains("e-mail");
		assertThat(localPart.get("detail").asString()).contains("e-mail");
	}

	@Test
	void rejectsPasswordThatIsTheDisplayNameOrOneRepeatedCharacter() {
		String email = AuthHttp.uniqueEmail("name");

		assertThat(assertProblem(this.http.register(email, "Bartholomew", "bartholomew"), 400, "weak-password")
			.get("detail")
			.asString()).contains("display name");
		assertThat(assertProblem(this.http.register(email, "zzzzzzzzzzzz", "Bob"), 400, "weak-password").get("detail")
			.asString()).contains("repeated");
	}

	@Test
	void rejectsDuplicateEmailIgnoringCase() {
		String email = AuthHttp.uniqueEmail("dup");
		assertThat(this.http.register(email, PASSWORD, "First").status()).isEqualTo(201);

		assertProblem(this.http.register(email.toUpperCase(), "another fine passphrase", "Second"), 409, "email-taken");
		Integer accounts = this.jdbc.sql("select count(*) from accounts where email = :email")
			.param("email", email)
			.query(Integer.class)
			.single();
		assertThat(accounts).isOne();
	}

	@Test
	void limitsRegistrationsPerAddress() {
		for (int i = 0; i < 30; i++) {
			assertThat(this.http.register(AuthHttp.uniqueEmail("burst"), PASSWORD, "Burst " + i).status())
				.isEqualTo(201);
		}
		AuthHttp.Reply limited = this.http.register(AuthHttp.uniqueEmail("burst"), PASSWORD, "One too many");
		assertProblem(limited, 429, "too-many-attempts");
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 600L);
		// another address has its own budget
		assertThat(new AuthHttp(this.port).register(AuthHttp.uniqueEmail("elsewhere"), PASSWORD, "Else").status())
			.isEqualTo(201);
	}

	@Test
	void rejectsMalformedJson() {
		assertProblem(this.http.post("/api/auth/register", "{\"email\": "), 400, "malformed-request");
		assertProblem(this.http.post("/api/auth/register", ""), 400, "malformed-request");
		assertProblem(this.http.post("/api/auth/register", "{\"email\": [1], \"password\": {}}"), 400,
				"malformed-request");
	}

	@Test
	void rejectsBodiesThatAreNotJson() {
		assertProblem(this.http.send("POST", "/api/auth/register", "email=a", "Content-Type", "text/plain"), 415,
				"unsupported-media-type");
	}

	@Test
	void rejectsWrongMethod() {
		assertProblem(this.http.get("/api/auth/register"), 405, "method-not-allowed");
	}

	private static List<String> fields(JsonNode problem) {
		List<String> fields = new ArrayList<>();
		problem.get("errors").forEach((error) -> {
			assertThat(error.get("message").asString()).isNotBlank();
			fields.add(error.get("field").asString());
		});
		return fields;
	}

}
