package dev.vanguard.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.HdrHistogram.Histogram;

/**
 * The fixed cost of the hops of realtime-service's event path, each alone, one event at a
 * time (issue 13, small games): an AMQP publish to a consumer through a quorum queue with
 * single active consumer (as realtime-service's queue) and through a classic queue, a
 * script call in Redis, and a Redis Pub/Sub publish to a subscriber. The difference
 * between the fan-out's "publish → frame prepared" and the sum of these is what
 * realtime-service itself adds.
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.vanguard.bench.HopLatency
 * </pre>
 */
public final class HopLatency {

	private static final int SAMPLES = 300;

	private static final int BODY_BYTES = 400;

	private HopLatency() {
	}

	public static void main(String[] args) throws Exception {
		System.out.println("| hop | p50 ms | p90 ms | p99 ms | max ms |\n|---|--:|--:|--:|--:|");
		print("AMQP publish → consumer, quorum queue, single active consumer", amqp("quorum"));
		print("AMQP publish → consumer, classic queue", amqp("classic"));
		RedisClient redis = RedisClient.create("redis://127.0.0.1:6379");
		try {
			print("Redis EVAL (a one-key script) round trip", redisScript(redis));
			print("Redis PUBLISH → subscriber", redisPubSub(redis));
		}
		finally {
			redis.shutdown();
		}
	}

	private static Histogram amqp(String type) throws IOException, TimeoutException, InterruptedException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		String queue = "vanguard.bench.hop." + UUID.randomUUID().toString().substring(0, 8);
		Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
		try (Connection publishing = factory.newConnection(queue + ".publish");
				Connection consuming = factory.newConnection(queue + ".consume")) {
			Channel admin = publishing.createChannel();
			admin.queueDeclare(queue, true, false, false,
					Map.of("x-queue-type", type, "x-single-active-consumer", true, "x-expires", 120_000));
			try {
				BlockingQueue<Long> arrivals = new ArrayBlockingQueue<>(16);
				Channel channel = consuming.createChannel();
				channel.basicQos(250);
				channel.basicConsume(queue, false, new DefaultConsumer(channel) {

					@Override
					public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
							byte[] body) throws IOException {
						arrivals.add(System.nanoTime());
						channel.basicAck(envelope.getDeliveryTag(), false);
					}

				});
				Channel publisher = publishing.createChannel();
				byte[] body = new byte[BODY_BYTES];
				Arrays.fill(body, (byte) 'x');
				for (int i = 0; i < SAMPLES; i++) {
					long sent = System.nanoTime();
					publisher.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
					Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
					if (arrived == null) {
						throw new IllegalStateException("An event did not arrive within 10 s");
					}
					latency.recordValue((arrived - sent) / 1000);
					Thread.sleep(5);
				}
			}
			finally {
				admin.queueDelete(queue);
			}
		}
		return latency;
	}

	private static Histogram redisScript(RedisClient redis) throws InterruptedException {
		Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
		String key = "vanguard:bench:hop:" + UUID.randomUUID();
		try (StatefulRedisConnection<String, String> connection = redis.connect()) {
			for (int i = 0; i < SAMPLES; i++) {
				long sent = System.nanoTime();
				connection.sync()
					.eval("redis.call('HSET', KEYS[1], 'seq', ARGV[1]); return 1", ScriptOutputType.INTEGER,
							new String[] { key }, Integer.toString(i));
				latency.recordValue((System.nanoTime() - sent) / 1000);
				Thread.sleep(5);
			}
			connection.sync().del(key);
		}
		return latency;
	}

	private static Histogram redisPubSub(RedisClient redis) throws InterruptedException {
		Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
		String channel = "vanguard:bench:hop:" + UUID.randomUUID();
		BlockingQueue<Long> arrivals = new ArrayBlockingQueue<>(16);
		try (StatefulRedisPubSubConnection<String, String> subscriber = redis.connectPubSub();
				StatefulRedisConnection<String, String> publisher = redis.connect()) {
			subscriber.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String from, String message) {
					arrivals.add(System.nanoTime());
				}

			});
			subscriber.sync().subscribe(channel);
			String message = "x".repeat(BODY_BYTES);
			for (int i = 0; i < SAMPLES; i++) {
				long sent = System.nanoTime();
				publisher.async().publish(channel, message);
				Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
				if (arrived == null) {
					throw new IllegalStateException("A message did not arrive within 10 s");
				}
				latency.recordValue((arrived - sent) / 1000);
				Thread.sleep(5);
			}
		}
		return latency;
	}

	private static void print(String hop, Histogram latency) {
		System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", hop,
				latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0,
				latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0);
	}

}
