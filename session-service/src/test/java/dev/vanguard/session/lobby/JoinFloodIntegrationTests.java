package dev.vanguard.session.lobby;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vanguard.session.game.JoinPattern;
import dev.vanguard.session.support.Api.Response;
import dev.vanguard.session.support.Api;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A classroom behind one NAT and a bot farm behind one address look alike to the
 * per-address limit; two-step join tells them apart. Both run against the service's
 * default limits (300 joins and 300 look-ups per address per window).
 */
class JoinFloodIntegrationTests extends SessionServiceIntegrationTest {

	private static final int CLASSROOM = 300;

	private static final int FLOOD = 1_000;

	/** Phones of one classroom in flight at once. */
	private static final int CONCURRENCY = 50;

	private final UUID host = UUID.randomUUID();

	@Test
	void threeHundredPupilsBehindOneAddressAllJoinATwoStepLobby() throws Exception {
		UUID session = twoStepSession();
		String pin = pin(session);
		String school = schoolAddress();
		List<Future<Response>> joins = new ArrayList<>();
		Semaphore inFlight = new Semaphore(CONCURRENCY);
		try (ExecutorService phones = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < CLASSROOM; i++) {
				String nickname = Api.nickname("pupil ", i);
				joins.add(phones.submit(() -> {
					inFlight.acquire();
					try {
						// the phone looks the PIN up, learns it must ask for the pattern,
						// and the pupil taps what the big screen shows now
						JsonNode found = this.api.send("GET", "/api/sessions/pin/" + pin, null, null, school).json();
						assertThat(found.path("twoStepJoin").asBoolean()).isTrue();
						Map<String, Object> body = LobbyIntegrationTests.withPattern(Api.joinBody(nickname),
								shownOnTheBigScreen(session));
						return this.api.send("POST", "/api/sessions/pin/" + pin + "/players", null,
								Api.JSON.writeValueAsString(body), school);
					}
					finally {
						inFlight.release();
					}
				}));
			}
		}
		for (Future<Response> join : joins) {
			assertThat(join.get().status()).as(join.get().body()).isEqualTo(201);
		}
		assertThat(playerCount(session)).isEqualTo(CLASSROOM);
	}

	@Test
	void aThousandScriptedJoinsFromOneAddressAdmitNone() throws Exception {
		UUID session = twoStepSession();
		String pin = pin(session);
		List<String> pattern = shownOnTheBigScreen(session);
		String bots = schoolAddress();
		List<Future<Response>> joins = new ArrayList<>();
		Semaphore inFlight = new Semaphore(CONCURRENCY);
		try (ExecutorService farm = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < FLOOD; i++) {
				// half send no pattern, half a guess; the script cannot see the screen,
				// so
				// its guesses are wrong, except by the 1-in-256 luck that the allowance
				// of
				// wrong guesses bounds (asserted below)
				List<String> guess = (i % 2 == 0) ? null : wrongGuess(pattern);
				Map<String, Object> body = Api.joinBody(Api.nickname("bot ", i));
				Map<String, Object> sent = (guess != null) ? LobbyIntegrationTests.withPattern(body, guess) : body;
				joins.add(farm.submit(() -> {
					inFlight.acquire();
					try {
						return this.api.send("POST", "/api/sessions/pin/" + pin + "/players", null,
								Api.JSON.writeValueAsString(sent), bots);
					}
					finally {
						inFlight.release();
					}
				}));
			}
		}
		int compared = 0;
		for (Future<Response> join : joins) {
			Response response = join.get();
			assertThat(response.status()).as(response.body()).isIn(403, 429);
			if (response.body().contains("/wrong-join-pattern")) {
				compared++;
			}
		}
		assertThat(playerCount(session)).isZero();
		// at most the allowance of guesses was ever compared with the pattern: with the
		// right one, this address is still refused until the window ends
		assertThat(compared).isLessThanOrEqualTo(5);
		Response right = this.api.send("POST", "/api/sessions/pin/" + pin + "/players", null,
				Api.JSON.writeValueAsString(LobbyIntegrationTests.withPattern(Api.joinBody("lucky"), pattern)), bots);
		right.problem(429);
		// a pupil at another address is not held up by the farm
		assertThat(this.api
			.post("/api/sessions/pin/" + pin + "/players", null,
					LobbyIntegrationTests.withPattern(Api.joinBody("pupil"), pattern))
			.status()).isEqualTo(201);
	}

	private UUID twoStepSession() {
		UUID session = UUID
			.fromString(this.api.openSession(this.host, quiz(this.host, single("Q1")), null).path("id").asString());
		Response lobby = this.api.send("PUT", "/api/sessions/" + session + "/lobby", HostKeys.token(this.host),
				"{\"twoStepJoin\":true}", null);
		assertThat(lobby.status()).as(lobby.body()).isEqualTo(200);
		return session;
	}

	private String pin(UUID session) {
		return details(session).path("pin").asString();
	}

	/**
	 * What the host's screen shows: the pattern from the host's own view of the session.
	 */
	private List<String> shownOnTheBigScreen(UUID session) {
		return details(session).path("lobby").path("joinPattern").values().stream().map(JsonNode::asString).toList();
	}

	private long playerCount(UUID session) {
		return details(session).path("players").size();
	}

	private JsonNode details(UUID session) {
		return this.api.get("/api/sessions/" + session, HostKeys.token(this.host)).json();
	}

	private static List<String> wrongGuess(List<String> pattern) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (true) {
			List<String> guess = random.ints(JoinPattern.LENGTH, 0, JoinPattern.SHAPES.size())
				.mapToObj(JoinPattern.SHAPES::get)
				.toList();
			if (!guess.equals(pattern)) {
				return guess;
			}
		}
	}

	private String schoolAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10.253." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

}
