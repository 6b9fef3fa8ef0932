package dev.vanguard.realtime;

import java.util.ArrayList;
import java.util.List;

import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.testsupport.Infrastructure;
import dev.vanguard.testsupport.RedisServers;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A realtime instance of the test's own on a Redis of the test's own, with an exchange
 * and queues no one else uses; closing it stops both. For tests that do to Redis what the
 * shared one must never suffer (kill its clients, starve its memory, restart it) or that
 * need Redis set up otherwise (a password, TLS, a Sentinel).
 */
final class OwnRedisInstance implements AutoCloseable {

	private final RedisServers redis;

	private final String exchange;

	private final String queue;

	private final ConfigurableApplicationContext context;

	private OwnRedisInstance(RedisServers redis, String exchange, String queue,
			ConfigurableApplicationContext context) {
		this.redis = redis;
		this.exchange = exchange;
		this.queue = queue;
		this.context = context;
	}

	/**
	 * Starts an instance on {@code redis}'s first node, with these settings on top.
	 */
	static OwnRedisInstance on(RedisServers redis, String... settings) {
		List<String> all = new ArrayList<>(
				List.of("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.first().port()));
		all.addAll(List.of(settings));
		return with(redis, all.toArray(String[]::new));
	}

	/**
	 * Starts an instance with exactly these Redis settings (a Sentinel's, for one); the
	 * instance owns {@code redis} from now on, and closes it even if it fails to start.
	 */
	static OwnRedisInstance with(RedisServers redis, String... settings) {
		String exchange = Infrastructure.uniqueName("realtime_own_x");
		String queue = Infrastructure.uniqueName("realtime_own_q");
		String resyncQueue = Infrastructure.uniqueName("realtime_own_resync_q");
		TestBroker.deleteOnExit(exchange, queue);
		TestBroker.deleteOnExit(resyncQueue);
		try {
			return new OwnRedisInstance(redis, exchange, queue,
					TestInstances.start(List.of(), exchange, queue, resyncQueue, settings));
		}
		catch (RuntimeException ex) {
			redis.close();
			throw ex;
		}
	}

	/**
	 * Runs a command with {@code redis-cli} on the first node; returns what it printed.
	 */
	String redisCommand(String... arguments) {
		return this.redis.command(this.redis.first(), arguments);
	}

	/**
	 * The instance's event queue (its dead letters go to {@code <queue>.dead-letter}).
	 */
	String queue() {
		return this.queue;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	int port() {
		return TestInstances.port(this.context);
	}

	/** Publishes the event as session-service does. */
	void publish(SessionEvent event) {
		TestInstances.publish(this.context, this.exchange, event);
	}

	@Override
	public void close() {
		try {
			this.context.close();
		}
		finally {
			this.redis.close();
		}
	}

}
