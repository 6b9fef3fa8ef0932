package dev.vanguard.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.PodiumShown;
import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEnded;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.testsupport.Infrastructure;
import dev.vanguard.testsupport.RedisServers;
import dev.vanguard.testsupport.TestTokens;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static dev.vanguard.realtime.TestInstances.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Vanguard on a real Redis Cluster: three masters, each with a replica, started from the
 * machine's {@code redis-server} for this class, and two realtime instances configured
 * for it with {@code spring.data.redis.cluster.nodes} alone (so they use sharded
 * Pub/Sub). A whole game runs with its players on both instances; then the master holding
 * the session's slot is killed during a question, and the game goes on once its replica
 * took over.
 */
class ClusterIntegrationTests {

	private static final String EXCHANGE = Infrastructure.uniqueName("realtime_cluster_x");

	private static final String QUEUE = Infrastructure.uniqueName("realtime_cluster_q");

	private static final String RESYNC_QUEUE = Infrastructure.uniqueName("realtime_cluster_resync_q");

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static RedisServers cluster;

	private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final List<TestClient> clients = new ArrayList<>();

	private final UUID sessionId = UUID.randomUUID();

	private final UUID hostId = UUID.randomUUID();

	private final SessionKeys keys = SessionKeys.of(this.sessionId);

	private long seq;

	@BeforeAll
	static void startCluster() {
		TestBroker.deleteOnExit(EXCHANGE, QUEUE);
		TestBroker.deleteOnExit(RESYNC_QUEUE);
		cluster = RedisServers.cluster(1);
		instances.add(startInstance());
		instances.add(startInstance());
	}

	@AfterAll
	static void stopCluster() {
		instances.forEach(ConfigurableApplicationContext::close);
		instances.clear();
		if (cluster != null) {
			cluster.close();
		}
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(TestClient::close);
	}

	@Test
	void playsAWholeGameWithPlayersOnTwoInstancesAndSurvivesTheLossOfTheSessionsMaster() {
		publish(new SessionOpened(this.sessionId, ++this.seq, Instant.now(), this.hostId, "123456", "Capitals", 3));
		UUID ann = join("Ann");
		UUID bob = join("Bob");
		awaitApplied();

		TestClient host = connect(0, "token=" + TestTokens.host(this.hostId) + "&session=" + this.sessionId);
		TestClient annSocket = connect(0, "token=" + TestTokens.player(this.sessionId, ann));
		TestClient bobSocket = connect(1, "token=" + TestTokens.player(this.sessionId, bob));
		List.of(host, annSocket, bobSocket).forEach((client) -> client.await("catchup"));
		// Sharded Pub/Sub: the channel is subscribed on the shard of the session's slot,
		// and plainly on none.
		RedisServers.Node shard = cluster.masterOf(this.keys.channel());
		assertThat(cluster.command(shard, "pubsub", "shardnumsub", this.keys.channel()))
			.isEqualToIgnoringWhitespace(this.keys.channel() + "2");
		for (RedisServers.Node node : cluster.nodes()) {
			assertThat(cluster.command(node, "pubsub", "channels")).isBlank();
		}

		// Question 0: both answer, each once; the reveal reaches both instances.
		start(0);
		annSocket.await("question");
		bobSocket.await("question");
		annSocket.answer(0, 0);
		bobSocket.answer(0, 1);
		annSocket.await("answer_accepted");
		bobSocket.await("answer_accepted");
		annSocket.answer(0, 1);
		assertThat(annSocket.await("error").path("code").asString()).isEqualTo("ALREADY_ANSWERED");
		assertThat(redis().opsForHash().size(this.keys.answers(0))).isEqualTo(2);
		end(0);
		assertThat(annSocket.await("result").path("correct").asBoolean()).isTrue();
		assertThat(bobSocket.await("result").path("correct").asBoolean()).isFalse();
		assertThat(host.await("reveal").path("answerCount").asInt()).isEqualTo(2);

		// Bob reloads onto the other instance and catches up on the reveal.
		bobSocket.close();
		TestClient bobAgain = connect(0, "token=" + TestTokens.player(this.sessionId, bob));
		JsonNode catchup = bobAgain.await("catchup");
		assertThat(catchup.path("status").asString()).isEqualTo("REVEAL");
		assertThat(catchup.path("seq").asLong()).isEqualTo(this.seq);

		// Question 1 is open when the master of the session's slot dies.
		start(1);
		annSocket.await("question", (f) -> f.path("questionIndex").asInt() == 1);
		bobAgain.await("question", (f) -> f.path("questionIndex").asInt() == 1);
		RedisServers.Node master = cluster.masterOf(this.keys.state());
		cluster.kill(master);
		await().atMost(WAIT).ignoreExceptions().until(() -> !cluster.masterOf(this.keys.state()).equals(master));

		// The game goes on: an answer is taken (again, if the first was lost with the
		// master), the next events are applied, and every client sees them, live or by a
		// catch-up.
		await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
			annSocket.answer(1, 0);
			return !annSocket.frames("answer_accepted", (f) -> f.path("questionIndex").asInt() == 1).isEmpty()
					|| !annSocket.frames("error", (f) -> "ALREADY_ANSWERED".equals(f.path("code").asString()))
						.isEmpty();
		});
		end(1);
		start(2);
		for (TestClient client : List.of(host, annSocket, bobAgain)) {
			await().atMost(WAIT)
				.until(() -> !client.frames("question", (f) -> f.path("questionIndex").asInt() == 2).isEmpty()
						|| !client.frames("catchup", (f) -> f.path("questionIndex").asInt() == 2).isEmpty());
		}
		end(2);
		publish(new PodiumShown(this.sessionId, ++this.seq, Instant.now()));
		publish(new SessionEnded(this.sessionId, ++this.seq, Instant.now()));
		awaitApplied();
		assertThat(redis().opsForHash().get(this.keys.state(), "status")).isEqualTo("ENDED");
		for (TestClient client : List.of(host, annSocket, bobAgain)) {
			assertThat(client.awaitClose()).as("the session is over").isEqualTo(4000);
		}
	}

	private UUID join(String nickname) {
		UUID playerId = UUID.randomUUID();
		redis().opsForHash().put(this.keys.players(), playerId.toString(), nickname);
		publish(new PlayerJoined(this.sessionId, ++this.seq, Instant.now(), playerId, nickname,
				Math.toIntExact(redis().opsForHash().size(this.keys.players()))));
		return playerId;
	}

	private void start(int index) {
		Instant now = Instant.now();
		publish(new QuestionStarted(this.sessionId, ++this.seq, now, index, 3, RealtimeIntegrationTests.singleChoice(0),
				now, now.plusSeconds(60)));
	}

	private void end(int index) {
		publish(new QuestionEnded(this.sessionId, ++this.seq, Instant.now(), index, QuestionEnded.Reason.HOST));
	}

	private void awaitApplied() {
		await().atMost(WAIT)
			.until(() -> Long.toString(this.seq).equals(redis().opsForHash().get(this.keys.state(), "seq")));
	}

	private TestClient connect(int instance, String query) {
		TestClient client = TestClient.connect(port(instances.get(instance)), query);
		this.clients.add(client);
		return client;
	}

	private void publish(SessionEvent event) {
		TestInstances.publish(instances.get(0), EXCHANGE, event);
	}

	private static StringRedisTemplate redis() {
		return instances.get(0).getBean(StringRedisTemplate.class);
	}

	private static ConfigurableApplicationContext startInstance() {
		String nodes = cluster.nodes().stream().map(RedisServers.Node::address).collect(Collectors.joining(","));
		return TestInstances.start(List.of(), EXCHANGE, QUEUE, RESYNC_QUEUE,
				"--spring.data.redis.cluster.nodes=" + nodes, "--vanguard.realtime.resync-interval=500ms");
	}

}
