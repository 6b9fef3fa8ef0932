package dev.vanguard.session.game;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL ends the service's connections under its pool (a failover, a restart, an
 * administrator): the host's next click still works. The server clock keeps the pooled
 * connections busy, so the pool hands them out without checking them first.
 */
class DeadConnectionIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Autowired
	private JdbcConnectionDetails database;

	@Test
	void hostControlsSucceedRightAfterTheDatabaseDroppedEveryConnection() throws SQLException {
		JsonNode created = this.api.openSession(this.host, quiz(this.host, single("First?"), single("Second?")), null);
		UUID session = UUID.fromString(created.path("id").asString());
		this.api.join(created.path("pin").asString(), "ada");
		try (Connection admin = DriverManager.getConnection(this.database.getJdbcUrl(), this.database.getUsername(),
				this.database.getPassword())) {
			assertThat(terminateOtherBackends(admin)).isPositive();
			assertThat(this.api.control(this.host, session, "start").path("status").asString()).isEqualTo("QUESTION");
			assertThat(terminateOtherBackends(admin)).isPositive();
			assertThat(this.api.control(this.host, session, "reveal").path("status").asString()).isEqualTo("REVEAL");
			assertThat(terminateOtherBackends(admin)).isPositive();
			assertThat(this.api.control(this.host, session, "next").path("status").asString()).isEqualTo("QUESTION");
		}
	}

	/** Ends every other connection to the test's database; returns how many. */
	private static int terminateOtherBackends(Connection admin) throws SQLException {
		try (Statement statement = admin.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
							+ "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

}
