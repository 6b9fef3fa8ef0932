package dev.vanguard.realtime.fanout;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * This instance's one Redis Pub/Sub connection, named so that operators (and the fault
 * tests) can find it with {@code CLIENT LIST}. Lettuce reconnects it after Redis drops it
 * and subscribes its channels again; what was published in between is recovered by the
 * catch-up that {@link LocalSessions} sends when it notices the gap.
 */
final class Subscriber {

	private final RedisClient client;

	private final StatefulRedisPubSubConnection<String, byte[]> connection;

	Subscriber(DataRedisConnectionDetails details, ClientResources resources, String clientName,
			BiConsumer<String, byte[]> listener) {
		DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(standalone.getHost())
			.withPort(standalone.getPort())
			.withDatabase(standalone.getDatabase())
			.withClientName(clientName);
		if (details.getPassword() != null) {
			if (details.getUsername() != null) {
				uri.withAuthentication(details.getUsername(), details.getPassword());
			}
			else {
				uri.withPassword(details.getPassword().toCharArray());
			}
		}
		this.client = RedisClient.create(resources, uri.build());
		this.client.setOptions(ClientOptions.builder().autoReconnect(true).build());
		this.connection = this.client.connectPubSub(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
		this.connection.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, byte[] message) {
				listener.accept(channel, message);
			}

		});
	}

	CompletableFuture<Void> subscribe(String channel) {
		return this.connection.async().subscribe(channel).toCompletableFuture();
	}

	void unsubscribe(String channel) {
		this.connection.async().unsubscribe(channel);
	}

	void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
