package dev.vanguard.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.ResyncRequested;
import dev.vanguard.contracts.events.SessionOpened;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events that can never be applied do not circle forever (the test context waits 1 s
 * before asking for a resync and 15 s before dead-lettering): their session is
 * resynchronised through session-service (played here by the test), or they go to the
 * dead-letter queue, counted, while other sessions go on.
 */
class EventDeadLetterIntegrationTests extends RealtimeIntegrationTests {

	private static final String DEAD_LETTERS = QUEUE + ".dead-letter";

	@Autowired
	MeterRegistry meters;

	@Test
	void asksForAResyncAndAppliesTheWaitingEventsOnceTheStateIsWrittenAgain() {
		Game game = game().open();
		game.join("Ann");
		game.awaitApplied();
		forgetSession(game);
		double deadLettered = deadLettered("gap");

		game.join("Bob");
		game.join("Cat");
		ResyncRequested request = awaitResyncRequest(game.sessionId);
		assertThat(request.reason()).isEqualTo(ResyncRequested.Reason.GAP);
		assertThat(request.appliedSeq()).as("Redis holds nothing of the session").isZero();
		assertThat(request.waitingSeq()).isEqualTo(3);

		// session-service writes the session's state as of its last event, #4.
		this.redis.opsForHash()
			.putAll(game.keys.state(),
					Map.of("status", "LOBBY", "seq", "4", "hostId", game.hostId.toString(), "pin", "123456", "title",
							"Capitals", "questionCount", "4", "questionIndex", "-1", "startedAt", "0", "deadline",
							"0"));
		UUID dan = game.join("Dan");
		game.awaitApplied();

		assertThat(game.score(dan)).isZero();
		assertThat(deadLettered("gap")).as("the waiting events were duplicates").isEqualTo(deadLettered);
	}

	@Test
	void deadLettersEventsWhosePredecessorNeverComesAndGoesOn() {
		Game game = game().open();
		game.awaitApplied();
		forgetSession(game);
		double deadLettered = deadLettered("gap");

		game.join("Ann");
		game.join("Bob");
		ResyncRequested request = awaitResyncRequest(game.sessionId);
		assertThat(request.reason()).isEqualTo(ResyncRequested.Reason.GAP);
		assertThat(request.waitingSeq()).isEqualTo(2);
		Game other = game().open();
		other.join("Zoe");
		other.awaitApplied();

		List<GetResponse> dead = awaitDeadLetters(game.sessionId, 2);
		assertThat(dead).extracting((response) -> this.mapper.readValue(response.getBody(), PlayerJoined.class).seq())
			.containsExactlyInAnyOrder(2L, 3L);
		assertThat(deadLettered("gap")).isEqualTo(deadLettered + 2);
		assertThat(this.redis.opsForHash().get(game.keys.state(), "seq")).isNull();
	}

	@Test
	void deadLettersAnEventRedisKeepsRefusingAndAsksForAResync() {
		Game game = game();
		// A state that is not a hash: every script of the session fails with WRONGTYPE.
		this.redis.opsForValue().set(game.keys.state(), "not a hash");
		double deadLettered = deadLettered("failed");

		game.open();
		Game other = game().open();
		other.awaitApplied();

		ResyncRequested request = awaitResyncRequest(game.sessionId);
		assertThat(request.reason()).isEqualTo(ResyncRequested.Reason.FAILED);
		assertThat(request.waitingSeq()).isEqualTo(1);
		List<GetResponse> dead = awaitDeadLetters(game.sessionId, 1);
		assertThat(this.mapper.readValue(dead.getFirst().getBody(), SessionOpened.class).seq()).isEqualTo(1);
		assertThat(deadLettered("failed")).isEqualTo(deadLettered + 1);
	}

	/** As a Redis restart does to a session: every key gone. */
	private void forgetSession(Game game) {
		this.redis.delete(this.redis.keys(game.keys.pattern()));
	}

	private ResyncRequested awaitResyncRequest(UUID sessionId) {
		return await().atMost(Duration.ofSeconds(40))
			.until(() -> take(RESYNC_QUEUE, (response) -> resync(response).sessionId().equals(sessionId)),
					(found) -> !found.isEmpty())
			.stream()
			.map(this::resync)
			.findFirst()
			.orElseThrow();
	}

	private List<GetResponse> awaitDeadLetters(UUID sessionId, int count) {
		List<GetResponse> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(40)).until(() -> {
			found.addAll(take(DEAD_LETTERS, (response) -> new String(response.getBody(), StandardCharsets.UTF_8)
				.contains(sessionId.toString())));
			return found.size() >= count;
		});
		return found;
	}

	/** Takes every message now in {@code queue} and returns those that match. */
	private List<GetResponse> take(String queue, Predicate<GetResponse> matching) {
		List<GetResponse> found = new ArrayList<>();
		GetResponse response;
		while ((response = this.rabbit.execute((channel) -> channel.basicGet(queue, true))) != null) {
			if (matching.test(response)) {
				found.add(response);
			}
		}
		return found;
	}

	private ResyncRequested resync(GetResponse response) {
		return this.mapper.readValue(response.getBody(), ResyncRequested.class);
	}

	private double deadLettered(String reason) {
		return this.meters.get("session.events.dead.lettered").tag("reason", reason).counter().count();
	}

}
