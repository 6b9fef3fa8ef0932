package dev.vanguard.realtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.vanguard.contracts.QuestionType;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.realtime.fanout.LocalSessions;
import dev.vanguard.testsupport.TestTokens;

import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FaultIntegrationTests extends RealtimeIntegrationTests {

	@Autowired
	SimpleMessageListenerContainer sessionEventsContainer;

	@Autowired
	RealtimeProperties properties;

	@Autowired
	LocalSessions localSessions;

	@Autowired
	MeterRegistry meters;

	@Test
	void redeliversAnEventWhoseConsumerDiedBeforeItsAck() throws Exception {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient socket = player(game, ann);
		socket.await("catchup");
		this.sessionEventsContainer.stop();
		try {
			// A consumer of its own takes the queue, receives the event and dies without
			// an ack.
			ConnectionFactory factory = new ConnectionFactory();
			factory.setHost("127.0.0.1");
			CountDownLatch delivered = new CountDownLatch(1);
			try (Connection connection = factory.newConnection("dying-consumer")) {
				Channel channel = connection.createChannel();
				channel.basicQos(1);
				channel.basicConsume(QUEUE, false, new DefaultConsumer(channel) {

					@Override
					public void handleDelivery(String tag, Envelope envelope,
							com.rabbitmq.client.AMQP.BasicProperties props, byte[] body) {
						delivered.countDown();
					}

				});
				game.start(0, singleChoice(0));
				assertThat(delivered.await(20, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(socket.frames("question")).isEmpty();
		}
		finally {
			this.sessionEventsContainer.start();
		}
		assertThat(socket.await("question").path("questionIndex").asInt()).isZero();

		// A redelivery of an applied event is a duplicate by its seq: no second effect.
		QuestionStarted again = new QuestionStarted(game.sessionId, game.seq, java.time.Instant.now(), 0, 4,
				singleChoice(0), java.time.Instant.now(), java.time.Instant.now().plusSeconds(20));
		publish(again);
		game.end(0);
		socket.await("reveal");
		assertThat(socket.frames("question")).hasSize(1);
	}

	@Test
	void keepsConsumingAfterTheBrokerClosesTheConnection() throws Exception {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient socket = player(game, ann);
		socket.await("catchup");
		game.start(0, singleChoice(0));
		socket.await("question");

		String name = "vanguard-realtime-" + this.properties.instanceId();
		String pid = rabbitConnectionPid(name);
		assertThat(pid).as("the broker lists connection %s", name).isNotNull();
		run("rabbitmqctl", "close_connection", pid, "fault test");
		await().atMost(Duration.ofSeconds(20)).until(() -> !pid.equals(rabbitConnectionPid(name)));

		game.end(0);
		game.start(1, singleChoice(1));
		game.end(1);
		assertThat(socket.await("reveal", (f) -> f.path("questionIndex").asInt() == 1)).isNotNull();
		assertThat(socket.frames("question")).hasSize(2);
	}

	@Test
	void resubscribesAfterRedisDropsTheSubscriber() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient socket = player(game, ann);
		socket.await("catchup");
		game.start(0, singleChoice(0));
		socket.await("question");

		String name = this.localSessions.subscriberName();
		String id = subscriberId(name);
		assertThat(id).isNotNull();
		String[] address = subscriberAddress(name).split(":");
		this.redis.execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().killClient(address[0], Integer.parseInt(address[1]));
			return null;
		});
		// Published while the subscriber may be away: the reconciliation catches the
		// client up.
		game.end(0);
		game.start(1, singleChoice(1));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !socket.frames("question", (f) -> f.path("questionIndex").asInt() == 1).isEmpty()
					|| !socket.frames("catchup", (f) -> f.path("questionIndex").asInt() == 1).isEmpty());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> subscriberId(name) != null && !id.equals(subscriberId(name)));

		game.end(1);
		assertThat(socket.await("reveal", (f) -> f.path("questionIndex").asInt() == 1)).isNotNull();
	}

	/**
	 * Redis restarted empty, then session-service wrote the state back at the seq this
	 * instance had applied already, without the answer the phone had been told was
	 * accepted (as LiveStateRebuild does): the new rebuildId makes the instance send a
	 * catch-up that shows the question unanswered, and the phone can answer again. An
	 * answer sent while the state was missing is refused as UNAVAILABLE (send it again),
	 * not as NOT_OPEN.
	 */
	@Test
	void catchesPhonesUpWhenTheStateWasRebuiltAtTheSameSeq() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient socket = player(game, ann);
		socket.await("catchup");
		game.start(0, singleChoice(2));
		socket.await("question");
		socket.answer(0, 1);
		socket.await("answer_accepted");
		// Long enough for a reconciliation to have seen the state before the loss.
		await().pollDelay(Duration.ofMillis(1200)).until(() -> true);

		Map<Object, Object> state = this.redis.opsForHash().entries(game.keys.state());
		this.redis.delete(List.of(game.keys.state(), game.keys.answers(0)));
		// Before the rebuild nobody knows whether the question is open: send it again.
		socket.answer(0, 3);
		assertThat(socket.awaitNth("error", 1).path("code").asString()).isEqualTo("UNAVAILABLE");
		state.put("rebuildId", UUID.randomUUID().toString());
		this.redis.opsForHash().putAll(game.keys.state(), state);

		JsonNode rebuilt = socket.awaitNth("catchup", 2);
		assertThat(rebuilt.path("seq").asLong()).isEqualTo(game.seq);
		assertThat(rebuilt.path("status").asString()).isEqualTo("QUESTION");
		assertThat(rebuilt.path("questionIndex").asInt()).isZero();
		assertThat(rebuilt.path("answer").isNull() || rebuilt.path("answer").isMissingNode()).isTrue();
		socket.answer(0, 2);
		socket.awaitNth("answer_accepted", 2);
		assertThat(game.answerRecord(0, ann)).isNotNull();

		// Nothing changed since: no further catch-up.
		await().pollDelay(Duration.ofMillis(1200)).until(() -> true);
		assertThat(socket.frames("catchup")).hasSize(2);
	}

	@Test
	void closesASlowConsumerWithoutDelayingOthers() throws Exception {
		Game game = game().open();
		UUID slow = game.join("Slow");
		UUID fast = game.join("Fast");
		double overflowsBefore = this.meters.counter("websocket.send.queue.overflows").count();
		TestClient fastSocket = player(game, fast);
		fastSocket.await("catchup");
		try (Socket raw = new Socket()) {
			raw.setReceiveBufferSize(4096);
			raw.connect(new InetSocketAddress("127.0.0.1", this.port));
			OutputStream out = raw.getOutputStream();
			out.write(("GET /ws?token=" + TestTokens.player(game.sessionId, slow) + " HTTP/1.1\r\n"
					+ "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String response = readHeaders(raw.getInputStream());
			assertThat(response).startsWith("HTTP/1.1 101");
			// From here on the slow client reads nothing.
			String text = "x".repeat(20_000);
			int questions = 80;
			for (int i = 0; i < questions; i++) {
				game.start(i, new QuestionStarted.Question(QuestionType.SINGLE_CHOICE, text, null, 20, 1000,
						List.of("a", "b"), List.of(0), List.of()));
			}
			fastSocket.awaitNth("question", questions);
			assertThat(fastSocket.isConnected()).isTrue();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.meters.counter("websocket.send.queue.overflows").count() > overflowsBefore);
			raw.setSoTimeout(20_000);
			InputStream in = raw.getInputStream();
			byte[] buffer = new byte[65536];
			while (in.read(buffer) >= 0) {
				// Drain what the kernel holds until the server's close reaches us.
			}
		}
	}

	private static String readHeaders(InputStream in) throws IOException {
		StringBuilder headers = new StringBuilder();
		while (!headers.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			headers.append((char) b);
		}
		return headers.toString();
	}

	private String subscriberAddress(String name) {
		return this.redis.execute((RedisConnection connection) -> {
			for (var info : connection.serverCommands().getClientList()) {
				if (name.equals(info.getName())) {
					return info.getAddressPort();
				}
			}
			return null;
		});
	}

	private String subscriberId(String name) {
		Properties clients = this.redis.execute((RedisConnection connection) -> {
			Properties all = new Properties();
			for (var info : connection.serverCommands().getClientList()) {
				if (name.equals(info.getName())) {
					all.setProperty("id", info.get("id"));
				}
			}
			return all;
		});
		return (clients != null) ? clients.getProperty("id") : null;
	}

	private static String rabbitConnectionPid(String name) throws IOException, InterruptedException {
		for (String line : run("rabbitmqctl", "list_connections", "-q", "pid", "client_properties").split("\n")) {
			if (line.contains("\"" + name + "\"") || line.contains(name + "\"}")) {
				return line.split("\t")[0].trim();
			}
		}
		return null;
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.SECONDS);
		return output;
	}

}
