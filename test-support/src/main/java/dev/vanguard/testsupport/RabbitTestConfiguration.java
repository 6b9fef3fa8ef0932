package dev.vanguard.testsupport;

import java.util.List;

import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * A real RabbitMQ for a test context: a container where Docker answers, otherwise the
 * local broker. Tests on the local broker isolate themselves with exchange and queue
 * names from {@link Infrastructure#uniqueName(String)}, declared auto-delete or deleted
 * afterwards.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RabbitTestConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(InfrastructureConditions.Containers.class)
	static class Containers {

		@Bean
		@ServiceConnection
		RabbitMQContainer rabbitContainer() {
			return new RabbitMQContainer("rabbitmq:4-management-alpine");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(InfrastructureConditions.Local.class)
	static class Local {

		@Bean
		RabbitConnectionDetails rabbitConnectionDetails() {
			String host = Infrastructure.env("VANGUARD_TEST_RABBIT_HOST", "127.0.0.1");
			int port = Infrastructure.envInt("VANGUARD_TEST_RABBIT_PORT", 5672);
			String user = Infrastructure.env("VANGUARD_TEST_RABBIT_USER", "guest");
			String password = Infrastructure.env("VANGUARD_TEST_RABBIT_PASSWORD", "guest");
			return new RabbitConnectionDetails() {

				@Override
				public String getUsername() {
					return user;
				}

				@Override
				public String getPassword() {
					return password;
				}

				@Override
				public String getVirtualHost() {
					return "/";
				}

				@Override
				public List<Address> getAddresses() {
					return List.of(new Address(host, port));
				}

			};
		}

	}

}
