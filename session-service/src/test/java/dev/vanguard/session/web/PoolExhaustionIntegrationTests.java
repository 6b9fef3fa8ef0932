package dev.vanguard.session.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.vanguard.session.support.Api;
import dev.vanguard.session.support.Api.Response;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pooled connection busy for longer than the pool's connection timeout (a join
 * storm): a request is told to come back, not given a 500.
 */
class PoolExhaustionIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Autowired
	private DataSource dataSource;

	@Test
	void aJoinWhileThePoolIsExhaustedGets503WithRetryAfter() throws SQLException {
		JsonNode created = this.api.openSession(this.host, quiz(this.host, single("First?")), null);
		String pin = created.path("pin").asString();
		// the pool waits its whole connection timeout (30 s) before it gives up: the
		// test's own timeout could not be shortened without failing other tests' join
		// floods on a loaded machine
		int size = this.dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
		List<Connection> taken = new ArrayList<>();
		try {
			for (int i = 0; i < size; i++) {
				taken.add(this.dataSource.getConnection());
			}
			Response response = this.api.post("/api/sessions/pin/" + pin + "/players", null, Api.joinBody("ada"));
			JsonNode problem = response.problem(503);
			assertThat(problem.path("type").asString()).isEqualTo("https://vanguard.dev/problems/service-unavailable");
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		}
		finally {
			for (Connection connection : taken) {
				connection.close();
			}
		}
		assertThat(this.api.join(pin, "ada").path("nickname").asString()).isEqualTo("ada");
	}

}
