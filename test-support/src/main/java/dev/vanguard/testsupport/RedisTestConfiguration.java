package dev.vanguard.testsupport;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * A real Redis for a test context: a container where Docker answers, otherwise the local
 * server. Tests that share the local server isolate themselves by key (every session key
 * carries the session's random id) and delete what they wrote.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RedisTestConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(InfrastructureConditions.Containers.class)
	static class Containers {

		@Bean
		@ServiceConnection(name = "redis")
		GenericContainer<?> redisContainer() {
			return new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(InfrastructureConditions.Local.class)
	static class Local {

		@Bean
		DataRedisConnectionDetails redisConnectionDetails() {
			String host = Infrastructure.env("VANGUARD_TEST_REDIS_HOST", "127.0.0.1");
			int port = Infrastructure.envInt("VANGUARD_TEST_REDIS_PORT", 6379);
			return new DataRedisConnectionDetails() {

				@Override
				public Standalone getStandalone() {
					return Standalone.of(host, port);
				}

			};
		}

	}

}
