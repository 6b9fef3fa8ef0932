package dev.vanguard.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class PostgresTestConfigurationTests {

	@BeforeEach
	void onlyOnLocalServices() {
		assumeFalse(Infrastructure.containers(), "Testcontainers gives each context its own server");
	}

	@Test
	void createsOwnDatabaseAndDropsItWhenContextCloses() throws SQLException {
		String database;
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				PostgresTestConfiguration.class)) {
			JdbcConnectionDetails details = context.getBean(JdbcConnectionDetails.class);
			database = currentDatabase(details);
			assertThat(database).startsWith("vanguard_test_");
			assertThat(exists(database)).isTrue();
		}
		assertThat(exists(database)).isFalse();
	}

	@Test
	void givesEveryContextADifferentDatabase() throws SQLException {
		try (AnnotationConfigApplicationContext first = new AnnotationConfigApplicationContext(
				PostgresTestConfiguration.class);
				AnnotationConfigApplicationContext second = new AnnotationConfigApplicationContext(
						PostgresTestConfiguration.class)) {
			assertThat(currentDatabase(first.getBean(JdbcConnectionDetails.class)))
				.isNotEqualTo(currentDatabase(second.getBean(JdbcConnectionDetails.class)));
		}
	}

	@Test
	void keepsConnectionPoolsSmallOnTheSharedServer() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				PostgresTestConfiguration.class)) {
			Integer poolSize = context.getEnvironment()
				.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class);
			assertThat(poolSize).isNotNull().isLessThanOrEqualTo(5);
		}
	}

	private static String currentDatabase(JdbcConnectionDetails details) throws SQLException {
		try (Connection connection = DriverManager.getConnection(details.getJdbcUrl(), details.getUsername(),
				details.getPassword());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_database()")) {
			result.next();
			return result.getString(1);
		}
	}

	private static boolean exists(String database) throws SQLException {
		String url = "jdbc:postgresql://" + Infrastructure.env("VANGUARD_TEST_POSTGRES_HOST", "127.0.0.1") + ":"
				+ Infrastructure.envInt("VANGUARD_TEST_POSTGRES_PORT", 5432) + "/postgres";
		try (Connection connection = DriverManager.getConnection(url,
				Infrastructure.env("VANGUARD_TEST_POSTGRES_USER", "postgres"),
				Infrastructure.env("VANGUARD_TEST_POSTGRES_PASSWORD", ""));
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
			result.next();
			return result.getInt(1) == 1;
		}
	}

}
