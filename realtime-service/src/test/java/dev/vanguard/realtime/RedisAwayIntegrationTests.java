package dev.vanguard.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.testsupport.RedisServers;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
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

	private OwnRedisInstance instance;

	@AfterEach
	void stop() {
		if (this.instance != null) {
			this.instance.close();
		}
	}

	@Test
	void keepsAnEventRedisCannotTakeYetUntilItCanInsteadOfRequeueingIt() {
		// A broker that counts requeues dead-letters an event returned twice.
		this.instance = OwnRedisInstance.on(RedisServers.standalone("--maxmemory-policy", "noeviction"),
				"--vanguard.realtime.amqp.delivery-limit=2");
		RabbitTemplate rabbit = this.instance.bean(RabbitTemplate.class);
		StringRedisTemplate template = this.instance.bean(StringRedisTemplate.class);
		UUID session = UUID.randomUUID();
		UUID player = UUID.randomUUID();
		publish(new SessionOpened(session, 1, Instant.now(), UUID.randomUUID(), "123456", "Capitals", 1));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "1".equals(template.opsForHash().get(SessionKeys.of(session).state(), "seq")));

		this.instance.redisCommand("config", "set", "maxmemory", "1");
		publish(new PlayerJoined(session, 2, Instant.now(), player, "Ann", 1));
		// Long enough for several tries: each refused with OOM.
		await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
		assertThat(template.opsForHash().get(SessionKeys.of(session).state(), "seq")).isEqualTo("1");
		this.instance.redisCommand("config", "set", "maxmemory", "0");

		await().atMost(Duration.ofSeconds(20))
			.until(() -> "2".equals(template.opsForHash().get(SessionKeys.of(session).state(), "seq")));
		assertThat(template.opsForZSet().score(SessionKeys.of(session).scores(), player.toString())).isZero();
		Long deadLetters = rabbit.execute((channel) -> channel.messageCount(this.instance.queue() + ".dead-letter"));
		assertThat(deadLetters).isZero();
	}

	private void publish(SessionEvent event) {
		this.instance.publish(event);
	}

}
