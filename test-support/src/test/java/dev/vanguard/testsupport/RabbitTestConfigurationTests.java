package dev.vanguard.testsupport;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails.Address;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class RabbitTestConfigurationTests {

	@Test
	void pointsAtABrokerThatAcceptsTheCredentials() throws Exception {
		assumeFalse(Infrastructure.containers(), "Testcontainers gives each context its own broker");
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				RabbitTestConfiguration.class)) {
			RabbitConnectionDetails details = context.getBean(RabbitConnectionDetails.class);
			Address address = details.getFirstAddress();
			ConnectionFactory factory = new ConnectionFactory();
			factory.setHost(address.host());
			factory.setPort(address.port());
			factory.setUsername(details.getUsername());
			factory.setPassword(details.getPassword());
			factory.setVirtualHost(details.getVirtualHost());
			try (Connection connection = factory.newConnection(Infrastructure.uniqueName("test_support"));
					Channel channel = connection.createChannel()) {
				String queue = Infrastructure.uniqueName("test_support");
				// exclusive and auto-delete: the broker removes it with this connection
				assertThat(channel.queueDeclare(queue, false, true, true, null).getQueue()).isEqualTo(queue);
			}
		}
	}

}
