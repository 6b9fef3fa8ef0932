package dev.vanguard.session.lobby;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.PlayerKicked;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.session.game.JoinPattern;
import dev.vanguard.session.support.Api.Response;
import dev.vanguard.session.support.Api;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LobbyIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Autowired
	private JdbcTemplate jdbc;

	/** The join waiting for the session's row lock. */
	private static final String LOCK_WAIT = "%from game_sessions%for no key update%";

	@Autowired
	private DataSource dataSource;

	@Autowired
	private LettuceConnectionFactory redisConnections;

	@Test
	void looksUpThePinOfALiveSession() {
		JsonNode created = open(null);
		String pin = created.path("pin").asString();
		JsonNode found = this.api.get("/api/sessions/pin/" + pin, null).json();
		assertThat(found.path("sessionId").asString()).isEqualTo(created.path("id").asString());
		assertThat(found.path("joinable").asBoolean()).isTrue();
		assertThat(found.path("status").asString()).isEqualTo("LOBBY");
		assertThat(found.path("quizTitle").asString()).isEqualTo(created.path("quizTitle").asString());
		// a stray bearer token on the public endpoint is ignored, not refused
		assertThat(this.api.get("/api/sessions/pin/" + pin, "not-a-token").status()).isEqualTo(200);

		this.api.get("/api/sessions/pin/12a456", null).problem(400);
		this.api.get("/api/sessions/pin/1234567", null).problem(400);
		this.api.control(this.host, id(created), "end");
		this.api.get("/api/sessions/pin/" + pin, null).problem(404);
		this.api.post("/api/sessions/pin/" + pin + "/players", null, Api.joinBody("late")).problem(404);
	}

	@Test
	void joinsWithATokenScopedToThePlayerAndSession() throws Exception {
		JsonNode created = open(null);
		UUID session = id(created);
		Response response = this.api.post("/api/sessions/pin/" + created.path("pin").asString() + "/players", null,
				Api.joinBody("  Ada   Lovelace "));
		assertThat(response.status()).isEqualTo(201);
		JsonNode joined = response.json();
		assertThat(joined.path("sessionId").asString()).isEqualTo(session.toString());
		assertThat(joined.path("nickname").asString()).isEqualTo("Ada Lovelace");
		String player = joined.path("playerId").asString();

		JWKSet keys = JWKSet.parse(this.api.get("/api/sessions/.well-known/jwks.json", null).body());
		SignedJWT token = SignedJWT.parse(joined.path("token").asString());
		ECKey key = (ECKey) keys.getKeyByKeyId(token.getHeader().getKeyID());
		assertThat(key).isNotNull();
		assertThat(key.isPrivate()).isFalse();
		assertThat(token.verify(new ECDSAVerifier(key))).isTrue();
		JWTClaimsSet claims = token.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("vanguard-session");
		assertThat(claims.getSubject()).isEqualTo(player);
		assertThat(claims.getStringClaim("sid")).isEqualTo(session.toString());
		assertThat(claims.getStringClaim("scope")).isEqualTo("player");
		assertThat(claims.getStringClaim("nickname")).isEqualTo("Ada Lovelace");
		assertThat(Duration.between(Instant.now(), claims.getExpirationTime().toInstant()))
			.isBetween(Duration.ofHours(11), Duration.ofHours(13));

		SessionKeys redisKeys = SessionKeys.of(session);
		assertThat(this.redis.<String, String>opsForHash().get(redisKeys.players(), player)).isEqualTo("Ada Lovelace");
		assertThat(this.redis.getExpire(redisKeys.players())).isPositive();
		assertThat(this.events.awaitUpTo(session, 2).get(1)).isInstanceOfSatisfying(PlayerJoined.class, (event) -> {
			assertThat(event.playerId()).hasToString(player);
			assertThat(event.nickname()).isEqualTo("Ada Lovelace");
			assertThat(event.playerCount()).isEqualTo(1);
		});
	}

	@Test
	void appliesTheNicknameRules() {
		String pin = open(null).path("pin").asString();
		String path = "/api/sessions/pin/" + pin + "/players";
		assertThat(this.api.join(pin, "🦊".repeat(20)).path("nickname").asString()).isEqualTo("🦊".repeat(20));
		assertThat(this.api.join(pin, "x".repeat(20)).path("nickname").asString()).hasSize(20);
		assertThat(field(this.api.post(path, null, Api.joinBody("x".repeat(21))).problem(400))).isEqualTo("nickname");
		this.api.post(path, null, Api.joinBody("   ")).problem(400);
		this.api.post(path, null, Api.joinBody("\u200B\u200B")).problem(400);
		this.api.post(path, null, Api.joinBody("ad\u0000a")).problem(400);
		this.api.post(path, null, Api.joinBody("\u0301")).problem(400);
		this.api.post(path, null, Map.of()).problem(400);
		this.api.post(path, null, "{\"nickname\":").problem(400);
	}

	@Test
	void refusesANicknameTakenIgnoringCase() {
		String pin = open(null).path("pin").asString();
		this.api.join(pin, "Ada");
		JsonNode problem = this.api.post("/api/sessions/pin/" + pin + "/players", null, Api.joinBody(" ADA "))
			.problem(409);
		assertThat(problem.path("type").asString()).endsWith("/nickname-taken");
		// another session has its own names
		this.api.join(open(null).path("pin").asString(), "ada");
	}

	@Test
	void refusesAbusiveNicknames() {
		String pin = open(null).path("pin").asString();
		for (String nickname : List.of("F.u.c.k", "sh1thead", "big dick", "B I T C H")) {
			JsonNode problem = this.api.post("/api/sessions/pin/" + pin + "/players", null, Api.joinBody(nickname))
				.problem(422);
			assertThat(problem.path("type").asString()).endsWith("/nickname-rejected");
		}
		for (String nickname : List.of("Dickens", "Classy", "Grapefruit")) {
			this.api.join(pin, nickname);
		}
	}

	@Test
	void joinsLateOnlyWhenTheSessionAllowsIt() {
		JsonNode strict = open(Map.of("lateJoin", false));
		String strictPin = strict.path("pin").asString();
		this.api.join(strictPin, "early");
		this.api.control(this.host, id(strict), "start");
		assertThat(this.api.get("/api/sessions/pin/" + strictPin, null).json().path("joinable").asBoolean()).isFalse();
		assertThat(this.api.post("/api/sessions/pin/" + strictPin + "/players", null, Api.joinBody("late"))
			.problem(409)
			.path("detail")
			.asString()).contains("QUESTION");

		JsonNode open = open(null);
		String pin = open.path("pin").asString();
		this.api.control(this.host, id(open), "start");
		assertThat(this.api.get("/api/sessions/pin/" + pin, null).json().path("joinable").asBoolean()).isTrue();
		this.api.join(pin, "late");
		this.api.control(this.host, id(open), "skip");
		JsonNode podium = this.api.get("/api/sessions/pin/" + pin, null).json();
		assertThat(podium.path("status").asString()).isEqualTo("PODIUM");
		assertThat(podium.path("joinable").asBoolean()).isFalse();
		assertThat(this.api.post("/api/sessions/pin/" + pin + "/players", null, Api.joinBody("later"))
			.problem(409)
			.path("detail")
			.asString()).contains("PODIUM");
	}

	@Test
	void kickingKillsThePlayersTokenAndFreesTheNickname() {
		JsonNode created = open(null);
		UUID session = id(created);
		String pin = created.path("pin").asString();
		String ada = this.api.join(pin, "ada").path("playerId").asString();
		String kick = "/api/sessions/" + session + "/players/" + ada;

		this.api.delete(kick, HostKeys.token(UUID.randomUUID())).problem(403);
		assertThat(this.api.delete(kick, HostKeys.token(this.host)).status()).isEqualTo(204);
		SessionKeys keys = SessionKeys.of(session);
		assertThat(this.redis.opsForSet().isMember(keys.kicked(), ada)).isTrue();
		assertThat(this.redis.getExpire(keys.kicked())).isPositive();
		assertThat(this.redis.opsForHash().hasKey(keys.players(), ada)).isFalse();
		assertThat(this.events.awaitUpTo(session, 3).get(2)).isInstanceOfSatisfying(PlayerKicked.class, (event) -> {
			assertThat(event.playerId()).hasToString(ada);
			assertThat(event.nickname()).isEqualTo("ada");
			assertThat(event.playerCount()).isZero();
		});

		this.api.delete(kick, HostKeys.token(this.host)).problem(404);
		this.api.delete("/api/sessions/" + session + "/players/" + UUID.randomUUID(), HostKeys.token(this.host))
			.problem(404);
		String again = this.api.join(pin, "ADA").path("playerId").asString();
		assertThat(again).isNotEqualTo(ada);
		assertThat(this.redis.opsForSet().isMember(keys.kicked(), again)).isFalse();
	}

	@Test
	void aKickedDeviceCannotJoinAgainUnderAnyNickname() {
		JsonNode created = open(null);
		String pin = created.path("pin").asString();
		String phone = Api.deviceSecret();
		String join = "/api/sessions/pin/" + pin + "/players";
		String ada = this.api.post(join, null, Api.joinBody("ada", phone)).json().path("playerId").asString();
		assertThat(
				this.api.delete("/api/sessions/" + id(created) + "/players/" + ada, HostKeys.token(this.host)).status())
			.isEqualTo(204);

		for (String nickname : List.of("ada", "Someone Else")) {
			JsonNode problem = this.api.post(join, null, Api.joinBody(nickname, phone)).problem(403);
			assertThat(problem.path("type").asString()).endsWith("/kicked");
		}
		// the same device is welcome in another session, and another device under the
		// name
		assertThat(this.api
			.post("/api/sessions/pin/" + open(null).path("pin").asString() + "/players", null,
					Api.joinBody("ada", phone))
			.status()).isEqualTo(201);
		assertThat(this.api.post(join, null, Api.joinBody("ada")).status()).isEqualTo(201);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM players WHERE device_hash = ?", Long.class, phone))
			.as("the secret itself is never stored")
			.isZero();
	}

	@Test
	void requiresAWellFormedDeviceSecret() {
		String join = "/api/sessions/pin/" + open(null).path("pin").asString() + "/players";
		for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("nickname", "ada"),
				Map.of("nickname", "ada", "deviceSecret", "short"),
				Map.of("nickname", "ada", "deviceSecret", "x".repeat(129)),
				Map.of("nickname", "ada", "deviceSecret", "has spaces and = signs!"),
				Map.of("nickname", "ada", "deviceSecret", 42))) {
			assertThat(field(this.api.post(join, null, body).problem(400))).as(body.toString())
				.isEqualTo("deviceSecret");
		}
		assertThat(this.api.post(join, null, Map.of("nickname", "ada", "deviceSecret", "A-b_".repeat(4))).status())
			.isEqualTo(201);
	}

	@Test
	void aBannedNicknameAndItsLookAlikesCannotJoin() {
		JsonNode created = open(null);
		UUID session = id(created);
		String pin = created.path("pin").asString();
		String join = "/api/sessions/pin/" + pin + "/players";
		String ada = this.api.join(pin, "Ada").path("playerId").asString();
		assertThat(this.api
			.delete("/api/sessions/" + session + "/players/" + ada + "?banNickname=true", HostKeys.token(this.host))
			.status()).isEqualTo(204);
		// ADA in Cyrillic capitals and fullwidth Latin
		for (String nickname : List.of("ada", "\u0410D\u0410", "\uFF41\uFF44\uFF41")) {
			JsonNode problem = this.api.post(join, null, Api.joinBody(nickname)).problem(403);
			assertThat(problem.path("type").asString()).as(nickname).endsWith("/nickname-banned");
		}

		String bans = "/api/sessions/" + session + "/banned-nicknames";
		this.api.post(bans, HostKeys.token(UUID.randomUUID()), Map.of("nickname", "Eve")).problem(403);
		this.api.post(bans, null, Map.of("nickname", "Eve")).problem(401);
		this.api.post(bans, HostKeys.token(this.host), Map.of("nickname", " ")).problem(400);
		assertThat(this.api.post(bans, HostKeys.token(this.host), Map.of("nickname", "Eve")).status()).isEqualTo(204);
		this.api.post(join, null, Api.joinBody("EVE")).problem(403);
		assertThat(this.api.get("/api/sessions/" + session, HostKeys.token(this.host))
			.json()
			.path("bannedNicknames")
			.values()).extracting(JsonNode::asString).containsExactly("Ada", "Eve");
		this.api.join(pin, "Bob");
	}

	@Test
	void comparesNicknamesAfterFoldingLookAlikes() {
		String pin = open(null).path("pin").asString();
		String join = "/api/sessions/pin/" + pin + "/players";
		this.api.join(pin, "Ann");
		for (String lookAlike : List.of("\u0410nn", "\uFF21\uFF4E\uFF4E", "ANN")) {
			JsonNode problem = this.api.post(join, null, Api.joinBody(lookAlike)).problem(409);
			assertThat(problem.path("type").asString()).as(lookAlike).endsWith("/nickname-taken");
		}
		for (String blank : List.of("An\u200Dn", "\u3164", "\u2800", "x\u3164")) {
			assertThat(field(this.api.post(join, null, Api.joinBody(blank)).problem(400))).as(blank)
				.isEqualTo("nickname");
		}
	}

	@Test
	void theHostLocksAndCapsTheLobby() {
		JsonNode created = open(null);
		UUID session = id(created);
		String pin = created.path("pin").asString();
		String join = "/api/sessions/pin/" + pin + "/players";
		String lobby = "/api/sessions/" + session + "/lobby";
		this.api.join(pin, "first");

		this.api.send("PUT", lobby, HostKeys.token(UUID.randomUUID()), "{\"locked\":true}", null).problem(403);
		this.api.send("PUT", lobby, null, "{\"locked\":true}", null).problem(401);
		this.api.send("PUT", lobby, HostKeys.token(this.host), "{\"maxPlayers\":0}", null).problem(400);
		JsonNode locked = this.api.send("PUT", lobby, HostKeys.token(this.host), "{\"locked\":true}", null).json();
		assertThat(locked.path("locked").asBoolean()).isTrue();
		assertThat(this.api.get("/api/sessions/pin/" + pin, null).json().path("joinable").asBoolean()).isFalse();
		assertThat(this.api.post(join, null, Api.joinBody("second")).problem(409).path("type").asString())
			.endsWith("/lobby-locked");

		JsonNode capped = this.api
			.send("PUT", lobby, HostKeys.token(this.host), "{\"locked\":false,\"maxPlayers\":2}", null)
			.json();
		assertThat(capped.path("locked").asBoolean()).isFalse();
		assertThat(capped.path("maxPlayers").asInt()).isEqualTo(2);
		this.api.join(pin, "second");
		assertThat(this.api.post(join, null, Api.joinBody("third")).problem(409).path("type").asString())
			.endsWith("/lobby-full");
		assertThat(this.api.get("/api/sessions/" + session, HostKeys.token(this.host))
			.json()
			.path("lobby")
			.path("maxPlayers")
			.asInt()).isEqualTo(2);
		// a kick makes room again
		String second = this.api.get("/api/sessions/" + session, HostKeys.token(this.host))
			.json()
			.path("players")
			.get(1)
			.path("id")
			.asString();
		this.api.delete("/api/sessions/" + session + "/players/" + second, HostKeys.token(this.host));
		this.api.join(pin, "third");
	}

	@Test
	void twoStepJoinNeedsThePatternOnTheHostsScreen() {
		JsonNode created = open(null);
		UUID session = id(created);
		String pin = created.path("pin").asString();
		String join = "/api/sessions/pin/" + pin + "/players";
		JsonNode lobby = this.api
			.send("PUT", "/api/sessions/" + session + "/lobby", HostKeys.token(this.host), "{\"twoStepJoin\":true}",
					null)
			.json();
		List<String> pattern = lobby.path("joinPattern").values().stream().map(JsonNode::asString).toList();
		assertThat(pattern).hasSize(4).allSatisfy((shape) -> assertThat(shape).isIn(JoinPattern.SHAPES));
		// for the host's catch-up on realtime-service, which the big screen draws
		assertThat(this.redis.<String, String>opsForHash().entries(SessionKeys.of(session).lobby()))
			.containsEntry("twoStepJoin", "true")
			.containsEntry("locked", "false")
			.containsEntry("joinPattern", String.join(",", pattern))
			.doesNotContainKey("maxPlayers");
		assertThat(this.api.get("/api/sessions/pin/" + pin, null).json().path("twoStepJoin").asBoolean()).isTrue();

		assertThat(this.api.post(join, null, Api.joinBody("ada")).problem(403).path("type").asString())
			.endsWith("/join-pattern-required");
		List<String> wrong = new ArrayList<>(pattern);
		wrong.set(0, JoinPattern.SHAPES.get((JoinPattern.SHAPES.indexOf(pattern.get(0)) + 1) % 4));
		assertThat(
				this.api.post(join, null, withPattern(Api.joinBody("ada"), wrong)).problem(403).path("type").asString())
			.endsWith("/wrong-join-pattern");
		assertThat(this.api.post(join, null, withPattern(Api.joinBody("ada"), pattern)).status()).isEqualTo(201);
	}

	@Test
	void friendlyNicknamesNameEveryPlayerAdjectiveAndAnimal() {
		JsonNode created = open(null);
		UUID session = id(created);
		String pin = created.path("pin").asString();
		JsonNode lobby = this.api
			.send("PUT", "/api/sessions/" + session + "/lobby", HostKeys.token(this.host),
					"{\"friendlyNicknames\":true}", null)
			.json();
		assertThat(lobby.path("friendlyNicknames").asBoolean()).isTrue();
		assertThat(this.api.get("/api/sessions/pin/" + pin, null).json().path("friendlyNicknames").asBoolean())
			.isTrue();

		Set<String> names = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			Map<String, Object> body = (i % 2 == 0) ? Map.of("deviceSecret", Api.deviceSecret())
					: Api.joinBody("Typed Name");
			JsonNode joined = this.api.post("/api/sessions/pin/" + pin + "/players", null, body).json();
			String name = joined.path("nickname").asString();
			String[] words = name.split(" ");
			assertThat(words[0]).as(name).isIn(FriendlyNicknames.ADJECTIVES);
			assertThat(words[1]).as(name).isIn(FriendlyNicknames.ANIMALS);
			names.add(name.toLowerCase(Locale.ROOT));
		}
		assertThat(names).hasSize(20);
		// without friendly nicknames a join still needs one
		this.api
			.post("/api/sessions/pin/" + open(null).path("pin").asString() + "/players", null,
					Map.of("deviceSecret", Api.deviceSecret()))
			.problem(400);
	}

	@Test
	void limitsLookupsAndJoinsPerClientAddress() {
		String pin = open(null).path("pin").asString();
		String address = "10.254." + (int) (Math.random() * 250) + ".7";
		for (int i = 0; i < 300; i++) {
			assertThat(this.api.send("GET", "/api/sessions/pin/" + pin, null, null, address).status()).isEqualTo(200);
		}
		Response limited = this.api.send("GET", "/api/sessions/pin/000000", null, null, address);
		JsonNode problem = limited.problem(429);
		assertThat(problem.path("type").asString()).endsWith("/rate-limited");
		assertThat(limited.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
		// each request claimed another X-Forwarded-For: only the gateway's X-Real-IP
		// counts;
		// another address, and joins from this one, have their own budget
		assertThat(this.api.get("/api/sessions/pin/" + pin, null).status()).isEqualTo(200);
		String join = "/api/sessions/pin/" + pin + "/players";
		for (int i = 0; i < 300; i++) {
			assertThat(this.api
				.send("POST", join, null, Api.JSON.writeValueAsString(Api.joinBody(Api.nickname("p", i))), address)
				.status()).isEqualTo(201);
		}
		this.api.send("POST", join, null, Api.JSON.writeValueAsString(Api.joinBody("one-too-many")), address)
			.problem(429);
	}

	@Test
	void limitsStillHoldAfterRedisConnectionsWereRestarted() {
		// Stopping and starting the context (as the test framework does to a cached
		// context it sets aside) replaces the factory's client and closes what it made.
		String pin = open(null).path("pin").asString();
		String address = "10.253." + (int) (Math.random() * 250) + ".9";
		assertThat(this.api.send("GET", "/api/sessions/pin/" + pin, null, null, address).status()).isEqualTo(200);
		this.redisConnections.stop();
		this.redisConnections.start();
		for (int i = 0; i < 299; i++) {
			assertThat(this.api.send("GET", "/api/sessions/pin/" + pin, null, null, address).status()).isEqualTo(200);
		}
		this.api.send("GET", "/api/sessions/pin/" + pin, null, null, address).problem(429);
	}

	@Test
	void fiveHundredConcurrentJoinsLoseNothingAndDuplicateNothing() throws Exception {
		JsonNode created = open(null);
		UUID session = id(created);
		String pin = created.path("pin").asString();
		int distinct = 400;
		List<Future<Response>> responses = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 500; i++) {
				// the last 100 repeat earlier names in another case
				String nickname = (i < distinct) ? "player" + i : "PLAYER" + (i - distinct);
				responses.add(threads.submit(
						() -> this.api.post("/api/sessions/pin/" + pin + "/players", null, Api.joinBody(nickname))));
			}
		}
		Set<String> joined = ConcurrentHashMap.newKeySet();
		int conflicts = 0;
		for (Future<Response> future : responses) {
			Response response = future.get();
			if (response.status() == 201) {
				joined.add(response.json().path("playerId").asString());
			}
			else {
				assertThat(response.status()).as(response.body()).isEqualTo(409);
				conflicts++;
			}
		}
		assertThat(joined).hasSize(distinct);
		assertThat(conflicts).isEqualTo(100);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(DISTINCT lower(nickname)) FROM players WHERE session_id = ? AND kicked_at IS NULL",
				Long.class, session))
			.isEqualTo(distinct);
		assertThat(this.jdbc.queryForList("SELECT id::text FROM players WHERE session_id = ?", String.class, session))
			.containsExactlyInAnyOrderElementsOf(joined);
		assertThat(this.redis.opsForHash().keys(SessionKeys.of(session).players())).hasSize(distinct)
			.allSatisfy((player) -> assertThat(joined).contains((String) player));
		List<SessionEvent> events = this.events.awaitUpTo(session, 1 + distinct);
		assertThat(events).hasSize(1 + distinct);
		assertThat(events.subList(1, events.size()))
			.allSatisfy((event) -> assertThat(event).isInstanceOfSatisfying(PlayerJoined.class,
					(playerJoined) -> assertThat(joined).contains(playerJoined.playerId().toString())));
		// each join carries its own count, taken under the session's lock: 1, 2, … in seq
		// order, however the joins raced
		assertThat(events.subList(1, events.size())
			.stream()
			.sorted(Comparator.comparingLong(SessionEvent::seq))
			.map((event) -> ((PlayerJoined) event).playerCount())
			.toList()).isEqualTo(IntStream.rangeClosed(1, distinct).boxed().toList());
	}

	@Test
	void refusesAJoinThatReachesTheLockAfterTheSessionEnded() throws Exception {
		JsonNode created = open(null);
		JsonNode problem = joinWhileUncommitted(created, "racer", LOCK_WAIT,
				"UPDATE game_sessions SET status = 'ENDED', ended_at = now() WHERE id = ?")
			.problem(404);
		assertThat(problem.path("detail").asString()).contains(created.path("pin").asString());
		assertNothingLeftOfTheJoin(id(created));
	}

	@Test
	void refusesAJoinThatReachesTheLockAfterTheGameStartedWithoutLateJoin() throws Exception {
		JsonNode created = open(Map.of("lateJoin", false));
		assertThat(joinWhileUncommitted(created, "racer", LOCK_WAIT,
				"UPDATE game_sessions SET status = 'QUESTION', question_index = 0, question_started_at = now(), "
						+ "question_deadline = now() + interval '1 hour' WHERE id = ?")
			.problem(409)
			.path("detail")
			.asString()).contains("QUESTION");
		assertNothingLeftOfTheJoin(id(created));
		this.api.control(this.host, id(created), "end");
	}

	@Test
	void refusesANicknameTakenByAJoinThatCommitsAfterTheCheck() throws Exception {
		JsonNode created = open(null);
		JsonNode problem = joinWhileUncommitted(created, "RACER", "insert into players%",
				"INSERT INTO players (id, session_id, nickname, nickname_key, joined_at) VALUES (gen_random_uuid(), ?, 'racer', 'racer', now())")
			.problem(409);
		assertThat(problem.path("type").asString()).endsWith("/nickname-taken");
		assertThat(this.jdbc.queryForObject("SELECT last_seq FROM game_sessions WHERE id = ?", Long.class, id(created)))
			.isOne();
	}

	/**
	 * Joins while another transaction holds {@code change} (on the session's id)
	 * uncommitted, standing in for the host's start or end or another join, and commits
	 * it only once the join waits on it in the statement matching {@code waiting}.
	 */
	private Response joinWhileUncommitted(JsonNode created, String nickname, String waiting, String change)
			throws Exception {
		UUID session = id(created);
		String pin = created.path("pin").asString();
		try (Connection other = this.dataSource.getConnection();
				ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			other.setAutoCommit(false);
			try (PreparedStatement statement = other.prepareStatement(change)) {
				statement.setObject(1, session);
				assertThat(statement.executeUpdate()).isOne();
			}
			Future<Response> join = threads
				.submit(() -> this.api.post("/api/sessions/pin/" + pin + "/players", null, Api.joinBody(nickname)));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbc.queryForObject(
						"SELECT count(*) FROM pg_stat_activity "
								+ "WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE ?",
						Long.class, waiting) == 1);
			other.commit();
			return join.get();
		}
	}

	private void assertNothingLeftOfTheJoin(UUID session) {
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM players WHERE session_id = ?", Long.class, session))
			.isZero();
		assertThat(this.redis.opsForHash().size(SessionKeys.of(session).players())).isZero();
		// the refused join took no seq and left no event behind
		assertThat(this.jdbc.queryForObject("SELECT last_seq FROM game_sessions WHERE id = ?", Long.class, session))
			.isOne();
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE event_type LIKE '%PlayerJoined' AND serialized_event LIKE ?",
				Long.class, "%" + session + "%"))
			.isZero();
	}

	private JsonNode open(Map<String, Object> settings) {
		return this.api.openSession(this.host, quiz(this.host, single("Only?")), settings);
	}

	private static UUID id(JsonNode created) {
		return UUID.fromString(created.path("id").asString());
	}

	static Map<String, Object> withPattern(Map<String, Object> body, List<String> pattern) {
		Map<String, Object> withPattern = new HashMap<>(body);
		withPattern.put("pattern", pattern);
		return withPattern;
	}

	private static String field(JsonNode problem) {
		return problem.path("errors").get(0).path("field").asString();
	}

}
