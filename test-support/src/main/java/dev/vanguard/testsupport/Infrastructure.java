package dev.vanguard.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;

/**
 * Where the real PostgreSQL, Redis and RabbitMQ of a test run live.
 *
 * <p>
 * Where a Docker engine answers, each test context gets its own containers through
 * Testcontainers; otherwise tests use the services installed on this host at their
 * standard ports, overridable with the {@code VANGUARD_TEST_*} environment variables.
 * Setting {@code VANGUARD_TEST_INFRA} to {@code local} or {@code containers} forces a
 * choice.
 */
public final class Infrastructure {

	private static final boolean CONTAINERS = decideContainers();

	private Infrastructure() {
	}

	/** Whether this run uses Testcontainers rather than the local services. */
	public static boolean containers() {
		return CONTAINERS;
	}

	/**
	 * A name no other test run uses, for databases, key prefixes, exchanges and queues.
	 */
	public static String uniqueName(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	static int envInt(String name, int fallback) {
		return Integer.parseInt(env(name, Integer.toString(fallback)));
	}

	private static boolean decideContainers() {
		String forced = env("VANGUARD_TEST_INFRA", "").toLowerCase(Locale.ROOT);
		return switch (forced) {
			case "local" -> false;
			case "containers" -> true;
			default -> dockerAnswers();
		};
	}

	private static boolean dockerAnswers() {
		if (!dockerHinted()) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Testcontainers logs an alarming ERROR in every module's output when it finds no
	 * engine, so it is asked only where something points to one.
	 */
	private static boolean dockerHinted() {
		if (!env("DOCKER_HOST", "").isEmpty() || !env("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE", "").isEmpty()) {
			return true;
		}
		Path home = Path.of(System.getProperty("user.home"));
		return Stream
			.of(Path.of("/var/run/docker.sock"), home.resolve(".docker/run/docker.sock"),
					home.resolve(".docker/desktop/docker.sock"), home.resolve(".colima/default/docker.sock"),
					home.resolve(".rd/docker.sock"), home.resolve(".testcontainers.properties"))
			.anyMatch(Files::exists);
	}

}
