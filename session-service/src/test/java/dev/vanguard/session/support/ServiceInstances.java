package dev.vanguard.session.support;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vanguard.session.SessionApplication;

/**
 * More session-service instances beside the test's own: each on a random port, against
 * the same database, Redis and exchange, as a second replica or a restart would be.
 */
public final class ServiceInstances {

	private ServiceInstances() {
	}

	/**
	 * Starts an instance sharing {@code first}'s infrastructure, signing player tokens
	 * with {@code keyPem}.
	 */
	public static ConfigurableApplicationContext launch(ConfigurableApplicationContext first, String keyPem) {
		JdbcConnectionDetails database = first.getBean(JdbcConnectionDetails.class);
		DataRedisConnectionDetails.Standalone redis = first.getBean(DataRedisConnectionDetails.class).getStandalone();
		RabbitConnectionDetails broker = SessionTestConfiguration.broker(first.getBeanFactory());
		var environment = first.getEnvironment();
		Map<String, String> properties = Map.ofEntries(Map.entry("server.port", "0"),
				Map.entry("spring.datasource.url", database.getJdbcUrl()),
				Map.entry("spring.datasource.username", database.getUsername()),
				Map.entry("spring.datasource.password", (database.getPassword() != null) ? database.getPassword() : ""),
				Map.entry("spring.datasource.hikari.maximum-pool-size", "3"),
				Map.entry("spring.data.redis.host", redis.getHost()),
				Map.entry("spring.data.redis.port", Integer.toString(redis.getPort())),
				Map.entry("spring.rabbitmq.host", broker.getFirstAddress().host()),
				Map.entry("spring.rabbitmq.port", Integer.toString(broker.getFirstAddress().port())),
				Map.entry("spring.rabbitmq.username", broker.getUsername()),
				Map.entry("spring.rabbitmq.password", broker.getPassword()),
				Map.entry("vanguard.events.exchange", environment.getRequiredProperty("vanguard.events.exchange")),
				// the same resync queue as the first instance: never the platform's own
				Map.entry("vanguard.session.resync.queue",
						environment.getRequiredProperty("vanguard.session.resync.queue")),
				Map.entry("vanguard.session.resync.queue-expires", "5m"),
				Map.entry("vanguard.session.answers.queue",
						environment.getRequiredProperty("vanguard.session.answers.queue")),
				Map.entry("vanguard.session.answers.queue-expires", "5m"),
				Map.entry("vanguard.quiz.base-url", environment.getRequiredProperty("vanguard.quiz.base-url")),
				Map.entry("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
						environment.getRequiredProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")),
				Map.entry("vanguard.session.player-token.signing-key", keyPem));
		return new SpringApplicationBuilder(SessionApplication.class).run(properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new));
	}

	/** The port an instance serves HTTP on. */
	public static int port(ConfigurableApplicationContext instance) {
		return Integer.parseInt(instance.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/**
	 * A new P-256 private key as PKCS#8 PEM, as {@code ./vanguard up} makes it (without
	 * the public point, which the JDK leaves out and session-service works out).
	 */
	public static String pem() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			String base64 = Base64.getMimeEncoder(64, "\n".getBytes())
				.encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
			return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
		}
		catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
