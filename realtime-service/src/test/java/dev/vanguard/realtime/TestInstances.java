package dev.vanguard.realtime;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.ObjectMapper;

import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.testsupport.RabbitTestConfiguration;
import dev.vanguard.testsupport.TestTokens;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Realtime instances a test starts itself (beside or instead of the Spring test context),
 * and the session events it publishes to them as session-service does.
 */
final class TestInstances {

	private TestInstances() {
	}

	/**
	 * Starts an instance on a free port, on this test's exchange and queues, with the
	 * test tokens; {@code settings} add to that (the Redis to use, for one).
	 */
	static ConfigurableApplicationContext start(List<Class<?>> configurations, String exchange, String queue,
			String resyncQueue, String... settings) {
		TestBroker.deleteOnExit(resyncQueue + ".answers");
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--vanguard.realtime.auth-jwks-uri=" + TestTokens.authJwksUri(),
				"--vanguard.realtime.session-jwks-uri=" + TestTokens.sessionJwksUri(),
				"--vanguard.realtime.amqp.exchange=" + exchange, "--vanguard.realtime.amqp.queue=" + queue,
				"--vanguard.realtime.amqp.resync-queue=" + resyncQueue, "--vanguard.realtime.amqp.queue-expires=5m",
				"--vanguard.realtime.amqp.answers-queue=" + resyncQueue + ".answers",
				// the shared broker's own old queue belongs to the running platform
				"--vanguard.realtime.amqp.legacy-queue=", "--vanguard.realtime.allowed-origins=" + TestClient.ORIGIN));
		args.addAll(List.of(settings));
		List<Class<?>> sources = new ArrayList<>(List.of(RealtimeApplication.class, RabbitTestConfiguration.class));
		sources.addAll(configurations);
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(args.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext instance) {
		return Integer.parseInt(instance.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/** Publishes the event as session-service does, through the instance's broker. */
	static void publish(ConfigurableApplicationContext instance, String exchange, SessionEvent event) {
		publish(instance.getBean(RabbitTemplate.class), instance.getBean(ObjectMapper.class), exchange, event);
	}

	static void publish(RabbitTemplate rabbit, ObjectMapper mapper, String exchange, SessionEvent event) {
		rabbit.send(exchange, event.routingKey(), new Message(mapper.writeValueAsBytes(event), eventProperties()));
	}

	/** The properties session-service gives an event message. */
	static MessageProperties eventProperties() {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setHeader(SessionEvent.VERSION_HEADER, SessionEvent.VERSION);
		return properties;
	}

}
