package dev.vanguard.realtime.fanout;

import java.net.SocketAddress;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

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
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * This instance's Redis Pub/Sub connection, opened by the Lettuce client Spring Boot
 * configured from {@code spring.data.redis.*} (so SSL, password, Sentinel and cluster
 * settings hold for it as for every other connection). On a single Redis (or Sentinel) it
 * SUBSCRIBEs each session's channel on one connection named for {@code CLIENT LIST}; on
 * Redis Cluster ({@code spring.data.redis.cluster.nodes}) it SSUBSCRIBEs, which Lettuce
 * sends to the shard owning the channel's slot, so a broadcast travels to the subscribers
 * of that shard only instead of over the whole cluster bus. A message is handed to the
 * listener on the Lettuce event loop that read it: no thread hop on the fan-out path.
 * <p>
 * Two ways the connection goes away: Redis drops it ({@code CLIENT KILL}, a restart, a
 * network fault), and Lettuce reconnects and subscribes again by itself; or it is closed
 * for good, because the connection factory's client was shut down (stopping and starting
 * the factory, as a test framework does to a context it sets aside, replaces the client
 * and closes everything it made). For the second the connection is opened again on next
 * use and every channel still wanted is subscribed on it; {@link #reconnectIfClosed()} is
 * that use when nothing else comes. Either way what was published in between is recovered
 * by the catch-up that {@link LocalSessions} sends when it notices the gap.
 */
final class Subscriber {

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final LettuceConnectionFactory factory;

	private final String clientName;

	private final BiConsumer<String, byte[]> listener;

	private final Supplier<Collection<String>> wantedChannels;

	private volatile @Nullable Link link;

	private volatile boolean closed;

	/**
	 * @param wantedChannels the channels to subscribe again on a new connection
	 */
	Subscriber(LettuceConnectionFactory factory, String clientName, BiConsumer<String, byte[]> listener,
			Supplier<Collection<String>> wantedChannels) {
		this.factory = factory;
		this.clientName = clientName;
		this.listener = listener;
		this.wantedChannels = wantedChannels;
	}

	CompletableFuture<Void> subscribe(String channel) {
		return link().subscribe(channel);
	}

	void unsubscribe(String channel) {
		link().unsubscribe(channel);
	}

	/** Opens the connection again if it was closed for good; cheap when it is open. */
	void reconnectIfClosed() {
		link();
	}

	void close() {
		this.closed = true;
		synchronized (this) {
			Link current = this.link;
			if (current != null) {
				current.close();
				this.link = null;
			}
		}
	}

	private Link link() {
		Link current = this.link;
		if (current != null && current.connection().isOpen()) {
			return current;
		}
		synchronized (this) {
			current = this.link;
			if (current != null && current.connection().isOpen()) {
				return current;
			}
			if (this.closed) {
				throw new IllegalStateException("The subscriber is closed");
			}
			if (current != null) {
				current.close();
			}
			Link opened = Link.open(this.factory.getRequiredNativeClient(), this.clientName, this.listener);
			// a channel wanted meanwhile is subscribed twice, which is harmless
			this.wantedChannels.get().forEach(opened::subscribe);
			this.link = opened;
			return opened;
		}
	}

	/** One Pub/Sub connection of one client. */
	private record Link(StatefulRedisPubSubConnection<String, byte[]> connection, boolean sharded,
			AbstractRedisClient client, RedisConnectionStateListener renamer) {

		static Link open(AbstractRedisClient client, String clientName, BiConsumer<String, byte[]> listener) {
			StatefulRedisPubSubConnection<String, byte[]> connection;
			boolean sharded;
			if (client instanceof RedisClusterClient cluster) {
				StatefulRedisClusterPubSubConnection<String, byte[]> clustered = cluster.connectPubSub(CODEC);
				clustered.addListener(new RedisClusterPubSubAdapter<>() {

					@Override
					public void smessage(RedisClusterNode node, String channel, byte[] message) {
						listener.accept(channel, message);
					}

				});
				connection = clustered;
				sharded = true;
			}
			else {
				connection = ((RedisClient) client).connectPubSub(CODEC);
				connection.addListener(new RedisPubSubAdapter<>() {

					@Override
					public void message(String channel, byte[] message) {
						listener.accept(channel, message);
					}

				});
				sharded = false;
			}
			connection.sync().clientSetname(clientName);
			// The client is Spring Boot's, shared: its URI carries no name of this
			// connection, so the name is given again after each reconnect.
			RedisConnectionStateListener renamer = new RedisConnectionStateListener() {

				@Override
				public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
					if (handler == connection) {
						connection.async().clientSetname(clientName);
					}
				}

			};
			client.addListener(renamer);
			return new Link(connection, sharded, client, renamer);
		}

		CompletableFuture<Void> subscribe(String channel) {
			return (this.sharded ? this.connection.async().ssubscribe(channel)
					: this.connection.async().subscribe(channel))
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

}
