package dev.vanguard.realtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.realtime.fanout.LocalSessions;
import dev.vanguard.testsupport.RedisServers;
import dev.vanguard.testsupport.TestTokens;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscriber honours Spring Boot's Redis settings, because it is opened by the client
 * Spring Boot configured: against a Redis that requires a password (given only as
 * {@code spring.data.redis.password}), one that speaks only TLS
 * ({@code spring.data.redis.ssl.*} with an SSL bundle) and one behind a Sentinel
 * ({@code spring.data.redis.sentinel.*}, where a client built from host and port would
 * have subscribed on another Redis), broadcasts reach the sockets live.
 */
class RedisSettingsIntegrationTests {

	private static final String PASSWORD = "realtime-" + UUID.randomUUID();

	private OwnRedisInstance instance;

	@AfterEach
	void stop() {
		if (this.instance != null) {
			this.instance.close();
		}
	}

	@Test
	void subscribesWithThePasswordOfSpringBootsRedisSettings() {
		this.instance = OwnRedisInstance.on(RedisServers.standalone("--requirepass", PASSWORD),
				"--spring.data.redis.password=" + PASSWORD);
		playsAQuestionLive();
	}

	@Test
	void subscribesOverTlsWhenSpringBootsRedisSettingsSaySo(@TempDir Path certificates) throws Exception {
		Path certificate = certificates.resolve("redis.crt");
		Path key = certificates.resolve("redis.key");
		Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
				"-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out",
				certificate.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(openssl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(openssl.waitFor()).as(output).isZero();
		this.instance = OwnRedisInstance.on(
				RedisServers.standalone("--port", "0", "--tls-port", "{port}", "--tls-cert-file",
						certificate.toString(), "--tls-key-file", key.toString(), "--tls-auth-clients", "no"),
				"--spring.data.redis.ssl.enabled=true", "--spring.data.redis.ssl.bundle=redis",
				"--spring.ssl.bundle.pem.redis.truststore.certificate=file:" + certificate);
		playsAQuestionLive();
	}

	@Test
	void subscribesToTheMasterASentinelNames() {
		RedisServers sentinel = RedisServers.sentinel("vanguard");
		this.instance = OwnRedisInstance.with(sentinel, "--spring.data.redis.sentinel.master=vanguard",
				"--spring.data.redis.sentinel.nodes=" + sentinel.nodes().get(1).address());
		playsAQuestionLive();
	}

	private void playsAQuestionLive() {
		UUID session = UUID.randomUUID();
		UUID player = UUID.randomUUID();
		StringRedisTemplate template = this.instance.bean(StringRedisTemplate.class);
		template.opsForHash().put(SessionKeys.of(session).players(), player.toString(), "Ann");
		publish(new SessionOpened(session, 1, Instant.now(), UUID.randomUUID(), "123456", "Capitals", 1));
		publish(new PlayerJoined(session, 2, Instant.now(), player, "Ann", 1));
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(20))
			.until(() -> "2".equals(template.opsForHash().get(SessionKeys.of(session).state(), "seq")));

		try (TestClient socket = TestClient.connect(this.instance.port(),
				"token=" + TestTokens.player(session, player))) {
			socket.await("catchup");
			String name = this.instance.bean(LocalSessions.class).subscriberName();
			assertThat(template.execute((RedisConnection connection) -> connection.serverCommands().getClientList()))
				.as("the subscriber, authenticated, on this Redis")
				.anySatisfy((client) -> assertThat(client.getName()).isEqualTo(name));
			Instant now = Instant.now();
			publish(new QuestionStarted(session, 3, now, 0, 1, RealtimeIntegrationTests.singleChoice(0), now,
					now.plusSeconds(20)));
			assertThat(socket.await("question").path("seq").asLong()).isEqualTo(3);
		}
		template.delete(template.keys(SessionKeys.of(session).pattern()));
	}

	private void publish(SessionEvent event) {
		this.instance.publish(event);
	}

}
