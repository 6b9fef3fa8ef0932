package dev.vanguard.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vanguard.contracts.events.AnswerAccepted;
import dev.vanguard.testsupport.RedisTestConfiguration;
import dev.vanguard.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An accepted answer is streamed to session-service as an {@link AnswerAccepted}, and the
 * phone hears {@code answer_accepted} only once the broker confirmed it
 * (docs/adr/0008-accepted-answers-streamed-to-postgresql.md).
 */
class AcceptedAnswersIntegrationTests extends RealtimeIntegrationTests {

	@Autowired
	MeterRegistry registry;

	@Test
	void acknowledgesAnAnswerOnlyOnceItsAnswerAcceptedIsOnTheBroker() throws Exception {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient annSocket = player(game, ann);
		annSocket.await("catchup");
		game.start(0, singleChoice(0));
		annSocket.await("question");

		annSocket.answer(0, 0);
		JsonNode frame = annSocket.await("answer_accepted");
		// looked for at once, without waiting: the broker had it before the phone was
		// told
		AnswerAccepted accepted = queued(game.sessionId).get(ann);

		assertThat(accepted).isNotNull();
		JsonNode record = this.mapper.readTree(game.answerRecord(0, ann));
		assertThat(accepted.questionIndex()).isZero();
		assertThat(accepted.options()).containsExactly(0);
		assertThat(accepted.text()).isNull();
		assertThat(accepted.correct()).isTrue();
		assertThat(accepted.points()).isEqualTo(record.path("points").asInt()).isPositive();
		assertThat(accepted.streak()).isEqualTo(1);
		assertThat(accepted.responseMs()).isEqualTo(record.path("responseMs").asLong())
			.isEqualTo(frame.path("responseMs").asLong());
		assertThat(accepted.answeredAt()).isEqualTo(record.path("answeredAt").asLong());
	}

	@Test
	void streamsEveryAcceptedAnswerOnceAndNoRefusedOne() throws Exception {
		Game game = game().open();
		List<UUID> players = new ArrayList<>();
		List<TestClient> sockets = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			UUID player = game.join("P" + i);
			players.add(player);
		}
		for (UUID player : players) {
			TestClient socket = player(game, player);
			socket.await("catchup");
			sockets.add(socket);
		}
		game.start(0, singleChoice(1));
		long[] roundTripNanos = new long[sockets.size()];
		for (int i = 0; i < sockets.size(); i++) {
			sockets.get(i).await("question");
		}
		for (int i = 0; i < sockets.size(); i++) {
			long sent = System.nanoTime();
			sockets.get(i).answer(0, i % 4);
			// looked for every 50 µs rather than awaited (polled every 10 ms), to time it
			while (sockets.get(i).frames("answer_accepted").isEmpty()) {
				LockSupport.parkNanos(50_000);
			}
			roundTripNanos[i] = System.nanoTime() - sent;
		}
		// a second answer is refused, and not streamed
		sockets.getFirst().answer(0, 2);
		sockets.getFirst().await("error");

		Map<UUID, AnswerAccepted> queued = queued(game.sessionId);
		assertThat(queued).containsOnlyKeys(players);
		for (int i = 0; i < players.size(); i++) {
			assertThat(queued.get(players.get(i)).options()).containsExactly(i % 4);
			assertThat(queued.get(players.get(i)).correct()).isEqualTo(i % 4 == 1);
		}
		Timer confirms = this.registry.find("quiz.answers.confirm").timer();
		assertThat(confirms).isNotNull();
		Arrays.sort(roundTripNanos);
		System.out.printf(
				"answer -> answer_accepted over one socket, %d answers one after the other: median %.2f ms, "
						+ "max %.2f ms; publish -> confirm: mean %.2f ms, max %.2f ms over %d answers%n",
				roundTripNanos.length, roundTripNanos[roundTripNanos.length / 2] / 1e6,
				roundTripNanos[roundTripNanos.length - 1] / 1e6, confirms.mean(TimeUnit.MILLISECONDS),
				confirms.max(TimeUnit.MILLISECONDS), confirms.count());
	}

	@Test
	void acknowledgesAnAnswerWhoseAnswerAcceptedTheBrokerNeverTookAfterTheConfirmTimeout() {
		String answersQueue = RESYNC_QUEUE + ".answers";
		try (ConfigurableApplicationContext instance = TestInstances.start(List.of(RedisTestConfiguration.class),
				EXCHANGE, QUEUE, RESYNC_QUEUE, "--vanguard.realtime.amqp.answer-confirm-timeout=1s")) {
			// the queue goes after the instance declared it: every publish comes back
			instance.getBean(AmqpAdmin.class).deleteQueue(answersQueue);
			Game game = game().open();
			UUID ann = game.join("Ann");
			game.awaitApplied();
			TestClient annSocket = track(TestClient.connect(TestInstances.port(instance),
					"token=" + TestTokens.player(game.sessionId, ann)));
			annSocket.await("catchup");
			game.start(0, singleChoice(0));
			annSocket.await("question");

			long sent = System.nanoTime();
			annSocket.answer(0, 0);
			annSocket.await("answer_accepted");

			assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
			assertThat(game.answerRecord(0, ann)).isNotNull();
			assertThat(instance.getBean(MeterRegistry.class).find("quiz.answers.unconfirmed").counter().count())
				.isEqualTo(1);
		}
	}

	/**
	 * The answers of {@code sessionId} waiting in the answers queue now, by player; other
	 * tests' answers are taken off the queue too.
	 */
	private Map<UUID, AnswerAccepted> queued(UUID sessionId) {
		Map<UUID, AnswerAccepted> answers = new HashMap<>();
		Message message;
		while ((message = this.rabbit.receive(ANSWERS_QUEUE)) != null) {
			AnswerAccepted answer = this.mapper.readValue(message.getBody(), AnswerAccepted.class);
			if (answer.sessionId().equals(sessionId)) {
				assertThat(answers.put(answer.playerId(), answer)).as("streamed once").isNull();
			}
		}
		return answers;
	}

}
