package dev.vanguard.session.support;

import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts a switchable TCP proxy between session-service and the broker (for outage tests)
 * and a consumer on the test's own exchange.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SessionTestConfiguration {

	static final String PROXIED = "proxiedRabbitConnectionDetails";

	@Bean(destroyMethod = "close")
	TcpProxy rabbitProxy(ConfigurableListableBeanFactory beans) {
		RabbitConnectionDetails.Address broker = broker(beans).getFirstAddress();
		return new TcpProxy(broker.host(), broker.port());
	}

	@Bean(PROXIED)
	@Primary
	RabbitConnectionDetails proxiedRabbitConnectionDetails(ConfigurableListableBeanFactory beans, TcpProxy proxy) {
		RabbitConnectionDetails broker = broker(beans);
		return new RabbitConnectionDetails() {

			@Override
			public String getUsername() {
				return broker.getUsername();
			}

			@Override
			public String getPassword() {
				return broker.getPassword();
			}

			@Override
			public String getVirtualHost() {
				return broker.getVirtualHost();
			}

			@Override
			public List<Address> getAddresses() {
				return List.of(new Address("127.0.0.1", proxy.port()));
			}

		};
	}

	@Bean(destroyMethod = "close")
	EventCollector eventCollector(ConfigurableListableBeanFactory beans,
			@Value("${vanguard.events.exchange}") String exchange) {
		return new EventCollector(broker(beans), exchange);
	}

	/** The real broker, as test-support found it. */
	public static RabbitConnectionDetails broker(ConfigurableListableBeanFactory beans) {
		String name = Arrays.stream(beans.getBeanNamesForType(RabbitConnectionDetails.class))
			.filter((candidate) -> !candidate.equals(PROXIED))
			.findFirst()
			.orElseThrow();
		return beans.getBean(name, RabbitConnectionDetails.class);
	}

}
