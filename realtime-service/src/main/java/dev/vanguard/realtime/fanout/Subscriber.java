package dev.vanguard.realtime.fanout;

import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * This instance's Redis Pub/Sub connection, opened by the Lettuce client Spring Boot
 * configured from {@code spring.data.redis.*} (so SSL, password, Sentinel and cluster
 * settings hold for it as for every other connection). On a single Redis (or Sentinel) it
 * SUBSCRIBEs each session's channel on one connection named for {@code CLIENT LIST}; on
 * Redis Cluster ({@code spring.data.redis.cluster.nodes}) it SSUBSCRIBEs, which Lettuce
 * sends to the shard owning the channel's slot, so a broadcast travels to the subscribers
 * of that shard only instead of over the whole cluster bus. Lettuce reconnects and
 * subscribes again after a connection drops; what was published in between is recovered
 * by the catch-up that {@link LocalSessions} sends when it notices the gap.
 */
final class Subscriber {

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final StatefulRedisPubSubConnection<String, byte[]> connection;

	private final boolean sharded;

	private final AbstractRedisClient client;

	private final RedisConnectionStateListener renamer;

	Subscriber(LettuceConnectionFactory factory, String clientName, BiConsumer<String, byte[]> listener) {
		AbstractRedisClient client = factory.getRequiredNativeClient();
		if (client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterPubSubConnection<String, byte[]> clustered = cluster.connectPubSub(CODEC);
			clustered.addListener(new RedisClusterPubSubAdapter<>() {

				@Override
				public void smessage(RedisClusterNode node, String channel, byte[] message) {
					listener.accept(channel, message);
				}

			});
			this.connection = clustered;
			this.sharded = true;
		}
		else {
			this.connection = ((RedisClient) client).connectPubSub(CODEC);
			this.connection.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String channel, byte[] message) {
					listener.accept(channel, message);
				}

			});
			this.sharded = false;
		}
		this.connection.sync().clientSetname(clientName);
		// The client is Spring Boot's, shared: its URI carries no name of this
		// connection,
		// so the name is given again after each reconnect.
		this.client = client;
		this.renamer = new RedisConnectionStateListener() {

			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
				if (handler == Subscriber.this.connection) {
					Subscriber.this.connection.async().clientSetname(clientName);
				}
			}

		};
		client.addListener(this.renamer);
	}

	CompletableFuture<Void> subscribe(String channel) {
		return (this.sharded ? this.connection.async().ssubscribe(channel) : this.connection.async().subscribe(channel))
			.toCompletableFuture();
	}

	void unsubscribe(String channel) {
		if (this.sharded) {
			this.connection.async().sunsubscribe(channel);
		}
		else {
			this.connection.async().unsubscribe(channel);
		}
	}

	void close() {
		this.client.removeListener(this.renamer);
		this.connection.close();
	}

}
