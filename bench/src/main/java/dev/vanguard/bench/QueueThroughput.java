package dev.vanguard.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;

/**
 * How many events per second the broker carries through the queue layouts ADR 6 weighs:
 * one classic queue, one quorum queue with single active consumer, and N quorum queues
 * with one each (the split a consistent-hash exchange would make, done here by the
 * publisher). Persistent 400-byte messages, publisher confirms every 500, one manual-ack
 * consumer per queue with prefetch 250, as realtime-service consumes. Prints a table; the
 * broker is the local one (or {@code --host}).
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.vanguard.bench.QueueThroughput
 * </pre>
 */
public final class QueueThroughput {

	private static final int EVENTS = 20_000;

	private static final int RUNS = 3;

	private static final int PREFETCH = 250;

	private static final int CONFIRM_EVERY = 500;

	private static final int BODY_BYTES = 400;

	private QueueThroughput() {
	}

	record Layout(String type, int queues) {

		String label() {
			if (this.type.equals("classic")) {
				return this.queues + " classic";
			}
			return this.queues + " quorum, single active consumer" + ((this.queues > 1) ? " each" : "");
		}

	}

	public static void main(String[] args) throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost((args.length == 2 && args[0].equals("--host")) ? args[1] : "127.0.0.1");
		List<Layout> layouts = List.of(new Layout("classic", 1), new Layout("quorum", 1), new Layout("quorum", 4));
		System.out.printf("| queues | events/s, %d runs of %,d events |%n|---|---|%n", RUNS, EVENTS);
		for (Layout layout : layouts) {
			List<String> rates = new ArrayList<>();
			for (int run = 0; run < RUNS; run++) {
				rates.add(String.format("%,.0f", measure(factory, layout)));
			}
			System.out.printf("| %s | %s |%n", layout.label(), String.join(" · ", rates));
		}
	}

	private static double measure(ConnectionFactory factory, Layout layout)
			throws IOException, TimeoutException, InterruptedException {
		String run = "vanguard.bench.queues." + UUID.randomUUID().toString().substring(0, 8);
		try (Connection publishing = factory.newConnection(run + ".publish");
				Connection consuming = factory.newConnection(run + ".consume")) {
			Channel admin = publishing.createChannel();
			admin.exchangeDeclare(run, "direct", false, true, null);
			List<String> queues = new ArrayList<>();
			CountDownLatch consumed = new CountDownLatch(EVENTS);
			try {
				for (int i = 0; i < layout.queues(); i++) {
					String queue = run + "." + i;
					admin.queueDeclare(queue, true, false, false,
							Map.of("x-queue-type", layout.type(), "x-single-active-consumer", true));
					admin.queueBind(queue, run, Integer.toString(i));
					queues.add(queue);
					Channel channel = consuming.createChannel();
					channel.basicQos(PREFETCH);
					channel.basicConsume(queue, false, new DefaultConsumer(channel) {

						@Override
						public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
								byte[] body) throws IOException {
							channel.basicAck(envelope.getDeliveryTag(), false);
							consumed.countDown();
						}

					});
				}
				Channel publisher = publishing.createChannel();
				publisher.confirmSelect();
				byte[] body = new byte[BODY_BYTES];
				Arrays.fill(body, (byte) 'x');
				long start = System.nanoTime();
				for (int i = 0; i < EVENTS; i++) {
					publisher.basicPublish(run, Integer.toString(i % layout.queues()),
							MessageProperties.PERSISTENT_BASIC, body);
					if (i % CONFIRM_EVERY == CONFIRM_EVERY - 1) {
						publisher.waitForConfirmsOrDie(30_000);
					}
				}
				publisher.waitForConfirmsOrDie(30_000);
				if (!consumed.await(120, TimeUnit.SECONDS)) {
					throw new IllegalStateException("Not every event was consumed within 120 s");
				}
				return EVENTS / ((System.nanoTime() - start) / 1e9);
			}
			finally {
				for (String queue : queues) {
					admin.queueDelete(queue);
				}
			}
		}
	}

}
