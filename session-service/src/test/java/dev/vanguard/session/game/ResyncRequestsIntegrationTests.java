package dev.vanguard.session.game;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.ResyncRequested;
import dev.vanguard.contracts.events.SessionEnded;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * realtime-service's resync requests, sent to this context's own queue as
 * realtime-service sends them (JSON through the default exchange). The clock's own look
 * for lost state is off in tests, so whatever is written here was written by the request.
 * Redis "losing" state is played by deleting or rewinding this test's own session keys.
 */
class ResyncRequestsIntegrationTests extends SessionServiceIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final UUID host = UUID.randomUUID();

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private AmqpAdmin admin;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private JdbcTemplate jdbc;

	@Value("${vanguard.session.resync.queue}")
	private String queue;

	@Test
	void rebuildsASessionWithoutStateInRedisAtOnce() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		long lastSeq = lastSeq(game.session());
		deleteOwnKeys(game.keys());
		double before = resyncs("rebuilt");

		request(game.session(), 0, lastSeq, ResyncRequested.Reason.GAP);

		await().atMost(WAIT).until(() -> resyncs("rebuilt") > before);
		Map<Object, Object> state = this.redis.opsForHash().entries(game.keys().state());
		assertThat(state).containsEntry("status", "QUESTION")
			.containsEntry("questionIndex", "1")
			.containsEntry("seq", Long.toString(lastSeq));
		assertThat(this.redis.opsForZSet().score(game.keys().scores(), game.ada())).isEqualTo(900);
		this.api.control(this.host, game.session(), "end");
		assertThat(results(game.session()).path("liveStateLost").asBoolean()).isTrue();
	}

	@Test
	void rewritesAStateBehindTheDatabaseAndKeepsTheAnswersToTheOpenQuestion() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		SessionKeys keys = game.keys();
		// ada answers question 1 in Redis: 500 points, her second right answer in a row
		this.redis.opsForHash()
			.put(keys.answers(1), game.ada(), "{\"options\":[2],\"correct\":true,\"points\":500,\"streak\":2,"
					+ "\"responseMs\":900,\"answeredAt\":" + System.currentTimeMillis() + "}");
		this.redis.opsForZSet().incrementScore(keys.scores(), game.ada(), 500);
		this.redis.opsForHash().put(keys.streaks(), game.ada(), "2");
		String movedDeadline = (String) this.redis.opsForHash().get(keys.state(), "deadline");
		assertThat(this.api
			.delete("/api/sessions/" + game.session() + "/players/" + game.grace(), HostKeys.token(this.host))
			.status()).isEqualTo(204);
		long lastSeq = lastSeq(game.session());
		// a failover lost the applied kick: Redis is one event behind and still has grace
		this.redis.opsForHash().put(keys.state(), "seq", Long.toString(lastSeq - 1));
		this.redis.opsForHash().put(keys.players(), game.grace(), "grace");
		this.redis.opsForSet().remove(keys.kicked(), game.grace());
		this.redis.opsForZSet().add(keys.scores(), game.grace(), 0);
		double before = resyncs("rewritten");

		request(game.session(), lastSeq - 1, lastSeq + 1, ResyncRequested.Reason.GAP);

		await().atMost(WAIT).until(() -> resyncs("rewritten") > before);
		Map<Object, Object> state = this.redis.opsForHash().entries(keys.state());
		assertThat(state).containsEntry("seq", Long.toString(lastSeq))
			.containsEntry("status", "QUESTION")
			.containsEntry("questionIndex", "1")
			// realtime-service's deadline (the question reached the phones late) is kept
			.containsEntry("deadline", movedDeadline);
		assertThat(this.redis.opsForHash().entries(keys.players())).containsOnlyKeys(game.ada());
		assertThat(this.redis.opsForSet().members(keys.kicked())).containsExactlyInAnyOrder(game.kicked(),
				game.grace());
		// the 900 kept at the reveal, and the 500 of the answer to the open question
		assertThat(this.redis.opsForZSet().score(keys.scores(), game.ada())).isEqualTo(1400);
		assertThat(this.redis.opsForZSet().score(keys.scores(), game.grace())).isNull();
		assertThat(this.redis.opsForHash().get(keys.streaks(), game.ada())).isEqualTo("2");
		assertThat(this.redis.opsForHash().keys(keys.answers(1))).containsExactly(game.ada());

		// asked again: Redis is at the database's seq now, nothing changes
		this.redis.opsForZSet().add(keys.scores(), game.ada(), 1401);
		double upToDate = resyncs("up-to-date");
		request(game.session(), lastSeq, lastSeq + 1, ResyncRequested.Reason.GAP);
		await().atMost(WAIT).until(() -> resyncs("up-to-date") > upToDate);
		assertThat(this.redis.opsForZSet().score(keys.scores(), game.ada())).isEqualTo(1401);
	}

	@Test
	void neverMovesTheSeqBackwards() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		long ahead = lastSeq(game.session()) + 5;
		this.redis.opsForHash().put(game.keys().state(), "seq", Long.toString(ahead));
		this.redis.opsForHash().put(game.keys().state(), "status", "REVEAL");
		double before = resyncs("up-to-date");

		request(game.session(), ahead, ahead + 2, ResyncRequested.Reason.FAILED);

		await().atMost(WAIT).until(() -> resyncs("up-to-date") > before);
		assertThat(this.redis.opsForHash().entries(game.keys().state())).containsEntry("seq", Long.toString(ahead))
			.containsEntry("status", "REVEAL");
	}

	@Test
	void aFailedEventLeadsToTheSameResync() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		long lastSeq = lastSeq(game.session());
		deleteOwnKeys(game.keys());
		double before = resyncs("rebuilt");

		request(game.session(), -1, lastSeq, ResyncRequested.Reason.FAILED);

		await().atMost(WAIT).until(() -> resyncs("rebuilt") > before);
		assertThat(this.redis.opsForHash().get(game.keys().state(), "seq")).isEqualTo(Long.toString(lastSeq));
	}

	@Test
	void ignoresASessionThatEnded() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		this.api.control(this.host, game.session(), "end");
		long lastSeq = lastSeq(game.session());
		deleteOwnKeys(game.keys());
		double before = resyncs("not-live");

		request(game.session(), 0, lastSeq, ResyncRequested.Reason.GAP);
		request(UUID.randomUUID(), 0, 3, ResyncRequested.Reason.GAP);

		await().atMost(WAIT).until(() -> resyncs("not-live") >= before + 2);
		assertThat(this.redis.hasKey(game.keys().state())).isFalse();
		assertThat(this.redis.hasKey(game.keys().players())).isFalse();
	}

	@Test
	void dropsAMalformedRequestWithoutRequeueAndGoesOn() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		long lastSeq = lastSeq(game.session());
		deleteOwnKeys(game.keys());
		double malformed = resyncs("malformed");
		double rebuilt = resyncs("rebuilt");

		send("not json at all");
		send("{\"sessionId\":\"" + game.session() + "\",\"reason\":\"NOT_A_REASON\"}");
		send("{\"appliedSeq\":0,\"waitingSeq\":3,\"reason\":\"GAP\"}");
		request(game.session(), 0, lastSeq, ResyncRequested.Reason.GAP);

		await().atMost(WAIT).until(() -> resyncs("rebuilt") > rebuilt);
		assertThat(resyncs("malformed")).isEqualTo(malformed + 3);
		assertThat(this.redis.opsForHash().get(game.keys().state(), "seq")).isEqualTo(Long.toString(lastSeq));
		// rejected, not requeued: nothing is left circling
		await().atMost(WAIT).until(() -> messagesReady() == 0);
		Duration settle = Duration.ofSeconds(1);
		await().pollDelay(settle).atMost(settle.plusSeconds(1)).until(() -> true);
		assertThat(resyncs("malformed")).isEqualTo(malformed + 3);
	}

	@Test
	void endsASessionWhoseLiveStateCannotBeRebuiltWithItsResultsAndTellsThePhones() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		long lastSeq = lastSeq(game.session());
		// the quiz as the session plays it can no longer be read: no question to rebuild
		String snapshot = this.jdbc.queryForObject("SELECT quiz_snapshot::text FROM game_sessions WHERE id = ?",
				String.class, game.session());
		this.jdbc.update(
				"UPDATE game_sessions SET quiz_snapshot = '{\"questions\":\"unreadable\"}'::jsonb " + "WHERE id = ?",
				game.session());
		deleteOwnKeys(game.keys());
		double errors = resyncs("error");

		// realtime-service asks again while the session stays stuck
		await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
			request(game.session(), 0, lastSeq, ResyncRequested.Reason.GAP);
			return "ENDED".equals(this.jdbc.queryForObject("SELECT status FROM game_sessions WHERE id = ?",
					String.class, game.session()));
		});
		assertThat(resyncs("error")).isGreaterThan(errors);
		// the phones are told as always: a SessionEnded, right after a bare state at the
		// seq
		// before it, so realtime-service can apply it
		SessionEnded ended = this.events.awaitUpTo(game.session(), lastSeq + 1)
			.stream()
			.filter(SessionEnded.class::isInstance)
			.map(SessionEnded.class::cast)
			.findFirst()
			.orElseThrow();
		assertThat(ended.seq()).isEqualTo(lastSeq + 1);
		assertThat(this.redis.opsForHash().get(game.keys().state(), "seq")).isEqualTo(Long.toString(lastSeq));
		assertThat(this.redis.opsForHash().keys(game.keys().players())).contains(game.ada());
		assertThat(this.redis.opsForZSet().score(game.keys().scores(), game.ada())).isEqualTo(900);

		this.jdbc.update("UPDATE game_sessions SET quiz_snapshot = ?::jsonb WHERE id = ?", snapshot, game.session());
		JsonNode results = results(game.session());
		assertThat(results.path("liveStateLost").asBoolean()).isTrue();
		assertThat(results.path("standings").get(0).path("nickname").asString()).isEqualTo("ada");
		assertThat(results.path("standings").get(0).path("totalScore").asLong()).isEqualTo(900);
	}

	private void request(UUID session, long appliedSeq, long waitingSeq, ResyncRequested.Reason reason) {
		send(this.jsonMapper
			.writeValueAsString(new ResyncRequested(session, appliedSeq, waitingSeq, reason, Instant.now())));
	}

	private void send(String json) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		this.rabbit.send("", this.queue,
				new Message(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), properties));
	}

	private long messagesReady() {
		var info = this.admin.getQueueInfo(this.queue);
		return (info != null) ? info.getMessageCount() : 0;
	}

	private double resyncs(String outcome) {
		return this.meters.get("session.resyncs").tag("outcome", outcome).counter().count();
	}

	/** Redis lost this session: its own keys go, never anyone else's. */
	private void deleteOwnKeys(SessionKeys keys) {
		Set<String> own = new HashSet<>();
		try (var cursor = this.redis.scan(ScanOptions.scanOptions().match(keys.pattern()).count(1000).build())) {
			cursor.forEachRemaining(own::add);
		}
		this.redis.delete(own);
		assertThat(this.redis.hasKey(keys.state())).isFalse();
	}

	private long lastSeq(UUID session) {
		return this.api.get("/api/sessions/" + session, HostKeys.token(this.host)).json().path("lastSeq").asLong();
	}

	private JsonNode results(UUID session) {
		return this.api.get("/api/sessions/" + session + "/results", HostKeys.token(this.host)).json();
	}

}
