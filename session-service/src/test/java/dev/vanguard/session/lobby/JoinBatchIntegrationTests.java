package dev.vanguard.session.lobby;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.session.game.SessionStateException;
import dev.vanguard.session.support.Api;
import dev.vanguard.session.support.Api.Response;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.SessionServiceIntegrationTest;
import dev.vanguard.support.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Joins are admitted in batches, one transaction and one row lock per batch
 * ({@link JoinBatcher}). A batch must keep every promise a single join kept: each player
 * in PostgreSQL and Redis exactly once, their {@code PlayerJoined} events numbered in the
 * order of their counts, nicknames unique within the batch as against the session, the
 * cap exact, and a lobby locked while joins waited refusing them all.
 */
class JoinBatchIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Autowired
	private LobbyAdmission admission;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Test
	void aStormOfConcurrentJoinsAdmitsEachPlayerOnceWithCountsInSeqOrder() throws Exception {
		JsonNode created = open();
		UUID session = id(created);
		int players = 600;
		List<Response> responses = joinAtOnce(created.path("pin").asString(), players, "storm ");
		assertThat(responses)
			.allSatisfy((response) -> assertThat(response.status()).as(response.body()).isEqualTo(201));
		Set<String> joined = ConcurrentHashMap.newKeySet();
		responses.forEach((response) -> joined.add(response.json().path("playerId").asString()));
		assertThat(joined).hasSize(players);
		assertThat(this.jdbc.queryForList("SELECT id::text FROM players WHERE session_id = ?", String.class, session))
			.containsExactlyInAnyOrderElementsOf(joined);
		assertThat(this.redis.opsForHash().keys(SessionKeys.of(session).players())).map(String.class::cast)
			.containsExactlyInAnyOrderElementsOf(joined);
		List<PlayerJoined> events = playerJoined(session, players);
		assertThat(events).map((event) -> event.playerId().toString()).containsExactlyInAnyOrderElementsOf(joined);
		assertThat(events).map(PlayerJoined::playerCount)
			.containsExactlyElementsOf(IntStream.rangeClosed(1, players).boxed().toList());
		assertThat(lastSeq(session)).isEqualTo(1 + players);
	}

	@Test
	void aBatchAdmitsTheFirstOfTwoLookAlikeNicknamesAndRefusesTheOther() {
		JsonNode created = open();
		UUID session = id(created);
		String pin = created.path("pin").asString();
		this.api.join(pin, "Zoe");
		List<LobbyAdmission.Candidate> batch = List.of(candidate(pin, "Ann"), candidate(pin, "ANN"),
				candidate(pin, "Bob"), candidate(pin, "zoe"), candidate(pin, "Аnn"));

		List<LobbyAdmission.Outcome> outcomes = admit(pin, batch);

		assertThat(outcomes.get(0)).isInstanceOf(LobbyAdmission.Outcome.Admitted.class);
		assertThat(outcomes.get(2)).isInstanceOf(LobbyAdmission.Outcome.Admitted.class);
		// the second Ann clashes with the first in the same batch, Zoe with a player
		// already
		// in, and the Cyrillic Ann with the first as a look-alike
		for (int refused : List.of(1, 3, 4)) {
			assertThat(outcomes.get(refused)).isInstanceOfSatisfying(LobbyAdmission.Outcome.Refused.class,
					(outcome) -> assertThat(outcome.refusal()).isInstanceOfSatisfying(ProblemException.class,
							(problem) -> assertThat(problem.typeSlug()).isEqualTo("nickname-taken")));
		}
		assertThat(this.jdbc.queryForList("SELECT nickname FROM players WHERE session_id = ? ORDER BY nickname",
				String.class, session))
			.containsExactly("Ann", "Bob", "Zoe");
		assertThat(this.redis.opsForHash().values(SessionKeys.of(session).players())).map(String.class::cast)
			.containsExactlyInAnyOrder("Ann", "Bob", "Zoe");
		List<PlayerJoined> events = playerJoined(session, 3);
		assertThat(events).map(PlayerJoined::nickname).containsExactly("Zoe", "Ann", "Bob");
		assertThat(events).map(PlayerJoined::playerCount).containsExactly(1, 2, 3);
	}

	@Test
	void concurrentJoinsFillTheCapExactly() throws Exception {
		JsonNode created = open();
		UUID session = id(created);
		int cap = 25;
		Response capped = this.api.send("PUT", "/api/sessions/" + session + "/lobby", HostKeys.token(this.host),
				"{\"maxPlayers\":" + cap + "}", null);
		assertThat(capped.status()).as(capped.body()).isEqualTo(200);

		List<Response> responses = joinAtOnce(created.path("pin").asString(), 200, "capped ");

		assertThat(responses.stream().filter((response) -> response.status() == 201)).hasSize(cap);
		assertThat(responses.stream().filter((response) -> response.status() != 201)).allSatisfy(
				(response) -> assertThat(response.problem(409).path("type").asString()).endsWith("/lobby-full"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM players WHERE session_id = ?", Long.class, session))
			.isEqualTo(cap);
		assertThat(this.redis.opsForHash().size(SessionKeys.of(session).players())).isEqualTo(cap);
		assertThat(playerJoined(session, cap)).map(PlayerJoined::playerCount)
			.containsExactlyElementsOf(IntStream.rangeClosed(1, cap).boxed().toList());
	}

	@Test
	void joinsWaitingWhenTheHostLocksTheLobbyAreAllRefused() throws Exception {
		JsonNode created = open();
		UUID session = id(created);
		String pin = created.path("pin").asString();
		// queued before the lock (the lobby was open then), admitted after it
		List<LobbyAdmission.Candidate> waiting = List.of(candidate(pin, "early"), candidate(pin, "eager"));
		Response locked = this.api.send("PUT", "/api/sessions/" + session + "/lobby", HostKeys.token(this.host),
				"{\"locked\":true}", null);
		assertThat(locked.status()).as(locked.body()).isEqualTo(200);

		assertThatExceptionOfType(SessionStateException.class).isThrownBy(() -> admit(pin, waiting))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SessionStateException.Reason.LOBBY_LOCKED));
		assertThat(joinAtOnce(pin, 50, "late ")).allSatisfy(
				(response) -> assertThat(response.problem(409).path("type").asString()).endsWith("/lobby-locked"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM players WHERE session_id = ?", Long.class, session))
			.isZero();
		assertThat(this.redis.opsForHash().size(SessionKeys.of(session).players())).isZero();
		assertThat(lastSeq(session)).isOne();
	}

	private List<Response> joinAtOnce(String pin, int players, String prefix) throws Exception {
		List<Future<Response>> futures = new ArrayList<>();
		try (ExecutorService phones = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < players; i++) {
				String nickname = Api.nickname(prefix, i);
				futures.add(phones.submit(
						() -> this.api.post("/api/sessions/pin/" + pin + "/players", null, Api.joinBody(nickname))));
			}
		}
		List<Response> responses = new ArrayList<>();
		for (Future<Response> future : futures) {
			responses.add(future.get());
		}
		return responses;
	}

	private LobbyAdmission.Candidate candidate(String pin, String nickname) {
		return this.admission.prepare(pin, new LobbyAdmission.Joining(nickname, Api.deviceSecret(), null, "10.0.0.1"));
	}

	private List<LobbyAdmission.Outcome> admit(String pin, List<LobbyAdmission.Candidate> batch) {
		return new TransactionTemplate(this.transactionManager).execute((status) -> this.admission.admit(pin, batch));
	}

	/** The session's {@code PlayerJoined} events in seq order, once all have arrived. */
	private List<PlayerJoined> playerJoined(UUID session, int players) {
		List<SessionEvent> events = this.events.awaitUpTo(session, 1 + players);
		assertThat(events).hasSize(1 + players);
		return events.stream()
			.sorted(Comparator.comparingLong(SessionEvent::seq))
			.skip(1)
			.map(PlayerJoined.class::cast)
			.toList();
	}

	private long lastSeq(UUID session) {
		return this.jdbc.queryForObject("SELECT last_seq FROM game_sessions WHERE id = ?", Long.class, session);
	}

	private JsonNode open() {
		return this.api.openSession(this.host, quiz(this.host, single("Only?")), null);
	}

	private static UUID id(JsonNode created) {
		return UUID.fromString(created.path("id").asString());
	}

}
