package dev.vanguard.session.game;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.vanguard.contracts.events.SessionEnded;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lobby nobody ends keeps its PIN no longer than 2 hours without activity, a game no
 * longer than 1 hour: the server ends it as the host would, results stored.
 */
class IdleSessionsIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Autowired
	private GameClock gameClock;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void endsALobbyIdleForTwoHoursAndAGameIdleForOneStoringResults() {
		JsonNode lobby = this.api.openSession(this.host, quiz(this.host, single("Q1")), null);
		String lobbyPin = lobby.path("pin").asString();
		this.api.join(lobbyPin, "Ann");
		JsonNode game = this.api.openSession(this.host, quiz(this.host, single("Q1"), single("Q2")), null);
		this.api.join(game.path("pin").asString(), "Bob");
		this.api.control(this.host, id(game), "start");
		this.api.control(this.host, id(game), "reveal");
		JsonNode recentLobby = this.api.openSession(this.host, quiz(this.host, single("Q1")), null);
		JsonNode recentGame = this.api.openSession(this.host, quiz(this.host, single("Q1")), null);
		this.api.control(this.host, id(recentGame), "start");

		idleFor(id(lobby), Duration.ofHours(2).plusMinutes(1));
		idleFor(id(game), Duration.ofHours(1).plusMinutes(1));
		// a lobby idle for 90 minutes is still waiting for its players; a game 50 minutes
		idleFor(id(recentLobby), Duration.ofMinutes(90));
		idleFor(id(recentGame), Duration.ofMinutes(50));
		this.gameClock.endIdleSessions();

		assertThat(status(id(lobby))).isEqualTo("ENDED");
		assertThat(status(id(game))).isEqualTo("ENDED");
		assertThat(status(id(recentLobby))).isEqualTo("LOBBY");
		assertThat(status(id(recentGame))).isEqualTo("QUESTION");
		this.api.get("/api/sessions/pin/" + lobbyPin, null).problem(404);
		JsonNode results = this.api.get("/api/sessions/" + id(game) + "/results", HostKeys.token(this.host)).json();
		assertThat(results.path("standings").values()).extracting((row) -> row.path("nickname").asString())
			.containsExactly("Bob");
		assertThat(this.api.get("/api/sessions/" + id(lobby) + "/results", HostKeys.token(this.host))
			.json()
			.path("standings")
			.values()).extracting((row) -> row.path("nickname").asString()).containsExactly("Ann");
		assertThat(this.events.awaitUpTo(id(game), 5).get(4)).isInstanceOf(SessionEnded.class);

		this.api.control(this.host, id(recentLobby), "end");
		this.api.control(this.host, id(recentGame), "end");
	}

	private void idleFor(UUID session, Duration idle) {
		this.jdbc.update("UPDATE game_sessions SET last_activity_at = ? WHERE id = ?",
				Timestamp.from(Instant.now().minus(idle)), session);
	}

	private String status(UUID session) {
		return this.api.get("/api/sessions/" + session, HostKeys.token(this.host)).json().path("status").asString();
	}

	private static UUID id(JsonNode created) {
		return UUID.fromString(created.path("id").asString());
	}

}
