package dev.vanguard.session.game;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.session.support.Api;
import dev.vanguard.session.support.EventCollector.Received;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.QuizStub.Question;
import dev.vanguard.session.support.ServiceInstances;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second session-service instance on the same database, Redis and exchange: both run
 * the server clock, and each question still closes exactly once.
 */
class TwoInstancesIntegrationTests extends SessionServiceIntegrationTest {

	private static ConfigurableApplicationContext second;

	private final UUID host = UUID.randomUUID();

	@Autowired
	private ConfigurableApplicationContext first;

	@Autowired
	private GameClock firstClock;

	@BeforeEach
	void startSecondInstance() {
		if (second == null) {
			second = ServiceInstances.launch(this.first, ServiceInstances.pem());
		}
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
			second = null;
		}
	}

	@Test
	void closesEveryQuestionExactlyOnceAcrossInstances() {
		GameClock secondClock = second.getBean(GameClock.class);
		Question quick = Question.single("Quick?", 1, List.of("Yes", "No"), 0);
		List<UUID> sessions = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			JsonNode created = this.api.openSession(this.host, quiz(this.host, quick, single("Long?")), null);
			UUID session = UUID.fromString(created.path("id").asString());
			this.api.join(created.path("pin").asString(), "ada");
			sessions.add(session);
		}
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> tickers = new ArrayList<>();
		for (GameClock clock : List.of(this.firstClock, this.firstClock, secondClock, secondClock)) {
			tickers.add(Thread.ofVirtual().start(() -> {
				while (running.get()) {
					clock.tick();
				}
			}));
		}
		try {
			for (int i = 0; i < sessions.size(); i++) {
				((i % 2 == 0) ? this.api : secondApi()).control(this.host, sessions.get(i), "start");
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> sessions.stream().allMatch((session) -> status(session).equals("REVEAL")));
		}
		finally {
			running.set(false);
			tickers.forEach(this::join);
		}
		for (UUID session : sessions) {
			List<SessionEvent> events = this.events.awaitUpTo(session, 4);
			assertThat(events).extracting(SessionEvent::seq).containsExactly(1L, 2L, 3L, 4L);
			List<Received> ended = this.events.received(session)
				.stream()
				.filter((received) -> received.event() instanceof QuestionEnded)
				.toList();
			assertThat(ended).hasSize(1);
			assertThat(((QuestionEnded) ended.get(0).event()).reason()).isEqualTo(QuestionEnded.Reason.DEADLINE);
		}
	}

	@Test
	void closesOnAllAnsweredExactlyOnceAcrossInstances() {
		GameClock secondClock = second.getBean(GameClock.class);
		JsonNode created = this.api.openSession(this.host, quiz(this.host, single("Long?"), single("Next?")), null);
		UUID session = UUID.fromString(created.path("id").asString());
		String ada = this.api.join(created.path("pin").asString(), "ada").path("playerId").asString();
		this.api.control(this.host, session, "start");
		SessionKeys keys = SessionKeys.of(session);
		this.redis.opsForHash().put(keys.online(), ada, "1");
		this.redis.opsForHash()
			.put(keys.answers(0), ada, "{\"options\":[2],\"correct\":true,\"points\":990,\"streak\":1,"
					+ "\"responseMs\":300,\"answeredAt\":" + System.currentTimeMillis() + "}");
		List<Thread> tickers = new ArrayList<>();
		for (GameClock clock : List.of(this.firstClock, secondClock, this.firstClock, secondClock)) {
			tickers.add(Thread.ofVirtual().start(clock::tick));
		}
		tickers.forEach(this::join);
		await().atMost(Duration.ofSeconds(20)).until(() -> status(session).equals("REVEAL"));
		assertThat(this.events.awaitUpTo(session, 4)).extracting(SessionEvent::seq).containsExactly(1L, 2L, 3L, 4L);
		assertThat(this.events.received(session)).filteredOn((received) -> received.event() instanceof QuestionEnded)
			.hasSize(1);
	}

	@Test
	void eitherInstanceServesAnySessionAndSignsWithTheConfiguredKey() throws Exception {
		JsonNode created = this.api.openSession(this.host, quiz(this.host, single("Only?")), null);
		UUID session = UUID.fromString(created.path("id").asString());
		String pin = created.path("pin").asString();
		JsonNode joined = secondApi().join(pin, "grace");
		secondApi().control(this.host, session, "start");
		assertThat(status(session)).isEqualTo("QUESTION");

		JWKSet keys = JWKSet.parse(secondApi().get("/api/sessions/.well-known/jwks.json", null).body());
		ECKey key = (ECKey) keys.getKeys().get(0);
		SignedJWT token = SignedJWT.parse(joined.path("token").asString());
		assertThat(token.getHeader().getKeyID()).isEqualTo(key.getKeyID());
		assertThat(token.verify(new ECDSAVerifier(key))).isTrue();
		assertThat(this.events.awaitUpTo(session, 3)).extracting(SessionEvent::seq).containsExactly(1L, 2L, 3L);
	}

	private Api secondApi() {
		return this.api.onPort(ServiceInstances.port(second));
	}

	private String status(UUID session) {
		return this.api.get("/api/sessions/" + session, HostKeys.token(this.host)).json().path("status").asString();
	}

	private void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
