package dev.vanguard.session.game;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.session.lobby.LobbyAdmission;
import dev.vanguard.session.support.Api;
import dev.vanguard.session.support.EventCollector.Received;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventOutboxIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Autowired
	private GameService game;

	@Autowired
	private LobbyAdmission lobby;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry meters;

	@Test
	void publishesPersistentVersionedJsonMessages() {
		UUID session = open();
		Received received = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.events.received(session), (all) -> !all.isEmpty())
			.get(0);
		assertThat(received.routingKey()).isEqualTo("session." + session + ".lobby");
		assertThat(received.properties().getDeliveryMode()).isEqualTo(2);
		assertThat(received.properties().getContentType()).isEqualTo("application/json");
		assertThat(received.properties().getHeaders()).containsEntry(SessionEvent.VERSION_HEADER, 1);
		assertThat(received.event()).isInstanceOf(SessionOpened.class);
		assertThat(received.event().seq()).isEqualTo(1);
	}

	@Test
	void sendsAnEventAtItsCommitAndCompletesItsPublicationOnceConfirmed() {
		long atCommitBefore = sent("commit");
		UUID session = open();
		assertThat(this.events.awaitUpTo(session, 1).get(0)).isInstanceOf(SessionOpened.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> incompletePublications(session) == 0);
		// sent by the committing thread and not again by the relay, which only awaited
		// its
		// confirm before the publication was completed
		assertThat(sent("commit")).isGreaterThan(atCommitBefore);
		assertThat(this.events.received(session)).hasSize(1);
	}

	@Test
	void completesEveryPublicationOfABatchOfEventsOnceEachIsConfirmed() {
		JsonNode created = this.api.openSession(this.host, quiz(this.host, single("Only?")), null);
		UUID session = UUID.fromString(created.path("id").asString());
		String pin = created.path("pin").asString();
		List<LobbyAdmission.Candidate> batch = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			batch.add(this.lobby.prepare(pin,
					new LobbyAdmission.Joining("p" + i, Api.deviceSecret(), null, "10.0.1." + (i % 250))));
		}
		// one commit raises 120 PlayerJoined, whose completions are written together
		new TransactionTemplate(this.transactionManager)
			.executeWithoutResult((status) -> assertThat(this.lobby.admit(pin, batch)).hasSize(120)
				.allMatch(LobbyAdmission.Outcome.Admitted.class::isInstance));
		assertThat(this.events.awaitUpTo(session, 121)).hasSize(121);
		await().atMost(Duration.ofSeconds(30)).until(() -> incompletePublications(session) == 0);
		// completed without being sent again
		assertThat(this.events.received(session)).hasSize(121);
	}

	@Test
	void sendsAnExpressCopyOfEveryEventButAJoinAtItsCommit() {
		JsonNode created = this.api.openSession(this.host, quiz(this.host, single("Only?")), null);
		UUID session = UUID.fromString(created.path("id").asString());
		String pin = created.path("pin").asString();
		LobbyAdmission.Candidate ann = this.lobby.prepare(pin,
				new LobbyAdmission.Joining("ann", Api.deviceSecret(), null, "10.0.2.1"));
		new TransactionTemplate(this.transactionManager)
			.executeWithoutResult((status) -> this.lobby.admit(pin, List.of(ann)));
		this.api.control(this.host, session, "start");
		assertThat(this.events.awaitUpTo(session, 3).get(1)).isInstanceOf(PlayerJoined.class);

		List<Received> express = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.events.express(session), (copies) -> copies.size() >= 2);
		assertThat(express).extracting((copy) -> copy.event().getClass().getSimpleName())
			.containsExactly("SessionOpened", "QuestionStarted");
		assertThat(express).extracting((copy) -> copy.event().seq()).containsExactly(1L, 3L);
		assertThat(express).allSatisfy((copy) -> {
			assertThat(copy.properties().getDeliveryMode()).as("transient").isEqualTo(1);
			assertThat(copy.properties().getHeaders()).containsEntry(SessionEvent.VERSION_HEADER, 1);
			assertThat(copy.routingKey()).isEqualTo(copy.event().routingKey());
		});
		assertThat(this.events.express(session)).hasSize(2);
	}

	@Test
	void publishesNothingForAChangeThatRolledBack() {
		JsonNode created = this.api.openSession(this.host, quiz(this.host, single("Only?")), null);
		UUID session = UUID.fromString(created.path("id").asString());
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		transaction.executeWithoutResult((status) -> {
			this.game.start(session, this.host);
			status.setRollbackOnly();
		});
		transaction.executeWithoutResult((status) -> {
			String pin = created.path("pin").asString();
			LobbyAdmission.Candidate ghost = this.lobby.prepare(pin,
					new LobbyAdmission.Joining("ghost", Api.deviceSecret(), null, "10.0.0.1"));
			assertThat(this.lobby.admit(pin, List.of(ghost))).singleElement()
				.isInstanceOf(LobbyAdmission.Outcome.Admitted.class);
			status.setRollbackOnly();
		});
		assertThat(this.redis.opsForHash().size(SessionKeys.of(session).players())).isZero();
		assertThat(this.api.get("/api/sessions/" + session, HostKeys.token(this.host)).json().path("lastSeq").asLong())
			.isEqualTo(1);

		this.api.control(this.host, session, "start");
		List<SessionEvent> events = this.events.awaitUpTo(session, 2);
		assertThat(events.get(1)).isInstanceOf(QuestionStarted.class);
		assertThat(this.events.received(session)).hasSize(2);
		assertThat(incompletePublications(session)).isZero();
	}

	@Test
	void deliversAnEventRaisedWhileTheBrokerRefusedConnections() {
		this.rabbitProxy.down();
		UUID session = open();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM event_publication WHERE completion_date IS NULL"
							+ " AND serialized_event LIKE ? AND completion_attempts > 0",
					Long.class, "%" + session + "%") > 0);
		assertThat(this.events.received(session)).isEmpty();

		this.rabbitProxy.up();
		assertThat(this.events.awaitUpTo(session, 1).get(0)).isInstanceOf(SessionOpened.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> incompletePublications(session) == 0);
	}

	@Test
	void keepsAnEventNoQueueTookAndCountsIt() throws IOException {
		double before = unroutable();
		this.events.unbind();
		UUID session;
		try {
			session = open();
			await().atMost(Duration.ofSeconds(60)).until(() -> unroutable() > before);
			assertThat(incompletePublications(session)).as("the returned event stays in the outbox").isOne();
			assertThat(this.events.received(session)).isEmpty();
		}
		finally {
			this.events.bind();
		}
		assertThat(this.events.awaitUpTo(session, 1).get(0)).isInstanceOf(SessionOpened.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> incompletePublications(session) == 0);
	}

	private long sent(String sender) {
		Timer timer = this.meters.find("events.publish.delay").tag("sender", sender).timer();
		return (timer != null) ? timer.count() : 0;
	}

	private double unroutable() {
		Counter counter = this.meters.find("events.unroutable").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private UUID open() {
		return UUID
			.fromString(this.api.openSession(this.host, quiz(this.host, single("Only?")), null).path("id").asString());
	}

	private long incompletePublications(UUID session) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?",
				Long.class, "%" + session + "%");
	}

}
