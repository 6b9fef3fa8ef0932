package dev.vanguard.realtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.vanguard.contracts.events.RoutingKeys;

/**
 * Deletes the exchanges and queues a test run declared on the shared local broker when
 * the JVM exits (a queue also expires by itself when unused).
 */
final class TestBroker {

	private static final Set<String> EXCHANGES = ConcurrentHashMap.newKeySet();

	private static final Set<String> QUEUES = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(TestBroker::deleteAll, "test-broker-cleanup"));
	}

	private TestBroker() {
	}

	static void deleteOnExit(String exchange, String queue) {
		EXCHANGES.add(exchange);
		EXCHANGES.add(RoutingKeys.expressExchange(exchange));
		QUEUES.add(queue);
		QUEUES.add(queue + ".dead-letter");
		QUEUES.add(queue + ".express");
	}

	static void deleteOnExit(String queue) {
		QUEUES.add(queue);
	}

	private static void deleteAll() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(System.getenv().getOrDefault("VANGUARD_TEST_RABBIT_HOST", "127.0.0.1"));
		try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
			for (String queue : QUEUES) {
				channel.queueDelete(queue);
			}
			for (String exchange : EXCHANGES) {
				channel.exchangeDelete(exchange);
			}
		}
		catch (Exception ex) {
			// Best effort: the queue expires by itself.
		}
	}

}
