package dev.vanguard.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.testsupport.Infrastructure;
import dev.vanguard.testsupport.RabbitTestConfiguration;
import dev.vanguard.testsupport.RedisServers;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
		this.instance = new SpringApplicationBuilder(RealtimeApplication.class, RabbitTestConfiguration.class).run(
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + this.redis.first().port(),
				"--server.port=0", "--vanguard.realtime.auth-jwks-uri=" + TestTokens.get().authJwksUri(),
				"--vanguard.realtime.session-jwks-uri=" + TestTokens.get().sessionJwksUri(),
				"--vanguard.realtime.amqp.exchange=" + EXCHANGE, "--vanguard.realtime.amqp.queue=" + QUEUE,
				"--vanguard.realtime.amqp.resync-queue=" + RESYNC_QUEUE, "--vanguard.realtime.amqp.queue-expires=5m",
				"--vanguard.realtime.amqp.legacy-queue=", "--vanguard.realtime.allowed-origins=" + TestClient.ORIGIN,
				// A broker that counts requeues dead-letters an event returned twice.
				"--vanguard.realtime.amqp.delivery-limit=2");
	}

	private void publish(SessionEvent event) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setHeader(SessionEvent.VERSION_HEADER, SessionEvent.VERSION);
		byte[] body = this.instance.getBean(ObjectMapper.class).writeValueAsBytes(event);
		this.instance.getBean(RabbitTemplate.class).send(EXCHANGE, event.routingKey(), new Message(body, properties));
	}

}
