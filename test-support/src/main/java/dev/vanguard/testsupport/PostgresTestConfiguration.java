package dev.vanguard.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * A real PostgreSQL database of its own for each test context: a container where Docker
 * answers, otherwise a fresh database on the local server that is dropped when the
 * context closes.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(InfrastructureConditions.Containers.class)
	static class Containers {

		@Bean
		@ServiceConnection
		PostgreSQLContainer postgresContainer() {
			return new PostgreSQLContainer("postgres:17-alpine");
		}

	}

	/**
	 * Every cached test context keeps its pool open on the one shared server, whose
	 * {@code max_connections} is 100; small pools let many contexts (and several
	 * engineers' builds) live side by side. Lowest precedence: a test may still set its
	 * own.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(InfrastructureConditions.Local.class)
	@PropertySource("classpath:dev/vanguard/testsupport/local-postgres.properties")
	static class Local {

		@Bean(destroyMethod = "drop")
		LocalDatabase localDatabase() {
			return LocalDatabase.create();
		}

		@Bean
		JdbcConnectionDetails jdbcConnectionDetails(LocalDatabase database) {
			return new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return database.username();
				}

				@Override
				public String getPassword() {
					return database.password();
				}

				@Override
				public String getJdbcUrl() {
					return database.jdbcUrl();
				}

			};
		}

	}

	/** A database created on the local server for one test context. */
	public record LocalDatabase(String host, int port, String name, String username, String password) {

		static LocalDatabase create() {
			String host = Infrastructure.env("VANGUARD_TEST_POSTGRES_HOST", "127.0.0.1");
			int port = Infrastructure.envInt("VANGUARD_TEST_POSTGRES_PORT", 5432);
			String user = Infrastructure.env("VANGUARD_TEST_POSTGRES_USER", "postgres");
			String password = Infrastructure.env("VANGUARD_TEST_POSTGRES_PASSWORD", "");
			LocalDatabase database = new LocalDatabase(host, port, Infrastructure.uniqueName("vanguard_test"), user,
					password);
			database.admin("CREATE DATABASE " + database.name());
			return database;
		}

		public String jdbcUrl() {
			return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.name;
		}

		void drop() {
			admin("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		}

		private void admin(String sql) {
			String url = "jdbc:postgresql://" + this.host + ":" + this.port + "/postgres";
			try (Connection connection = DriverManager.getConnection(url, this.username, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("PostgreSQL at " + this.host + ":" + this.port + " refused '" + sql
						+ "'; is it running? (" + ex.getMessage() + ")", ex);
			}
		}

	}

}
