package dev.vanguard.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.testsupport.Infrastructure;
import dev.vanguard.testsupport.RedisServers;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event that Redis cannot take for a while (here: out of memory, on a Redis of this
 * test's own) waits in the consumer and is applied once Redis takes writes again. It
 * never goes back to the queue, whose delivery limit (2 here; 20 by default in RabbitMQ
 * 4, which counts every requeue) would otherwise have dead-lettered it.
 */
class RedisAwayIntegrationTests {

	private static final String EXCHANGE = Infrastructure.uniqueName("realtime_away_x");

	private static final String QUEUE = Infrastructure.uniqueName("realtime_away_q");

	private static final String RESYNC_QUEUE = Infrastructure.uniqueName("realtime_away_resync_q");

	private RedisServers redis;

	private ConfigurableApplicationContext instance;

	@AfterEach
	void stop() {
		if (this.instance != null) {
			this.instance.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void keepsAnEventRedisCannotTakeYetUntilItCanInsteadOfRequeueingIt() {
		TestBroker.deleteOnExit(EXCHANGE, QUEUE);
		TestBroker.deleteOnExit(RESYNC_QUEUE);
		this.redis = RedisServers.standalone("--maxmemory-policy", "noeviction");
		start();
		RabbitTemplate rabbit = this.instance.getBean(RabbitTemplate.class);
		StringRedisTemplate template = this.instance.getBean(StringRedisTemplate.class);
		UUID session = UUID.randomUUID();
		UUID player = UUID.randomUUID();
		publish(new SessionOpened(session, 1, Instant.now(), UUID.randomUUID(), "123456", "Capitals", 1));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "1".equals(template.opsForHash().get(SessionKeys.of(session).state(), "seq")));

		this.redis.command(this.redis.first(), "config", "set", "maxmemory", "1");
		publish(new PlayerJoined(session, 2, Instant.now(), player, "Ann", 1));
		// Long enough for several tries: each refused with OOM.
		await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
		assertThat(template.opsForHash().get(SessionKeys.of(session).state(), "seq")).isEqualTo("1");
		this.redis.command(this.redis.first(), "config", "set", "maxmemory", "0");

		await().atMost(Duration.ofSeconds(20))
			.until(() -> "2".equals(template.opsForHash().get(SessionKeys.of(session).state(), "seq")));
		assertThat(template.opsForZSet().score(SessionKeys.of(session).scores(), player.toString())).isZero();
		Long deadLetters = rabbit.execute((channel) -> channel.messageCount(QUEUE + ".dead-letter"));
		assertThat(deadLetters).isZero();
	}

	private void start() {
		this.instance = TestInstances.start(List.of(), EXCHANGE, QUEUE, RESYNC_QUEUE,
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + this.redis.first().port(),
				// A broker that counts requeues dead-letters an event returned twice.
				"--vanguard.realtime.amqp.delivery-limit=2");
	}

	private void publish(SessionEvent event) {
		TestInstances.publish(this.instance, EXCHANGE, event);
	}

}
