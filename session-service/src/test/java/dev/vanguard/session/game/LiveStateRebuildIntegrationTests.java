package dev.vanguard.session.game;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis "restarted empty" for one session: the test deletes that session's own keys
 * (never the shared Redis's others), as realtime-service had written them.
 */
class LiveStateRebuildIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Autowired
	private GameClock clock;

	@Test
	void rebuildsALiveGameFromTheDatabaseWhenRedisComesBackEmpty() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		restartRedisEmpty(game.keys());

		this.clock.rebuildLostLiveState(Instant.now());
		JsonNode details = details(game.session());
		Map<Object, Object> state = this.redis.opsForHash().entries(game.keys().state());
		assertThat(state).containsEntry("status", "QUESTION")
			.containsEntry("questionIndex", "1")
			.containsEntry("seq", Long.toString(details.path("lastSeq").asLong()))
			.containsEntry("questionCount", "2")
			.containsEntry("pin", details.path("pin").asString())
			.containsEntry("hostId", this.host.toString())
			.containsEntry("deadline",
					Long.toString(Instant.parse(details.path("questionDeadline").asString()).toEpochMilli()));
		// at the seq realtime-service applied already: the rebuildId is what tells it
		assertThat(state.get("rebuildId")).asString().isNotBlank();
		assertThat(this.redis.getExpire(game.keys().state())).isPositive();
		assertThat(this.redis.opsForValue().get(game.keys().question(1))).contains("\"text\":\"Next?\"");
		assertThat(this.redis.opsForHash().entries(game.keys().players())).containsOnlyKeys(game.ada(), game.grace());
		assertThat(this.redis.opsForSet().members(game.keys().kicked())).containsExactly(game.kicked());
		// the scores up to the last reveal, from the answers kept at that reveal
		assertThat(this.redis.opsForZSet().score(game.keys().scores(), game.ada())).isEqualTo(900);
		assertThat(this.redis.opsForZSet().score(game.keys().scores(), game.grace())).isZero();
		assertThat(this.redis.opsForHash().entries(game.keys().streaks())).containsEntry(game.ada(), "1")
			.containsEntry(game.grace(), "0");

		// a second look finds the state and leaves it alone
		this.redis.opsForHash().put(game.keys().state(), "seq", "999");
		this.clock.rebuildLostLiveState(Instant.now());
		assertThat(this.redis.opsForHash().get(game.keys().state(), "seq")).isEqualTo("999");
		assertThat(this.redis.opsForHash().get(game.keys().state(), "rebuildId")).isEqualTo(state.get("rebuildId"));

		this.api.control(this.host, game.session(), "end");
		JsonNode results = results(game.session());
		assertThat(results.path("liveStateLost").asBoolean()).isTrue();
		assertThat(results.path("standings").get(0).path("nickname").asString()).isEqualTo("ada");
		assertThat(results.path("standings").get(0).path("totalScore").asLong()).isEqualTo(900);
	}

	@Test
	void endsAGameWhoseLiveStateIsGoneWithTheAnswersKeptAndSaysSo() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		restartRedisEmpty(game.keys());

		this.api.control(this.host, game.session(), "end");
		JsonNode results = results(game.session());
		assertThat(results.path("liveStateLost").asBoolean()).isTrue();
		JsonNode ada = results.path("standings").get(0);
		assertThat(ada.path("nickname").asString()).isEqualTo("ada");
		assertThat(ada.path("totalScore").asLong()).isEqualTo(900);
		assertThat(ada.path("answeredCount").asInt()).isEqualTo(1);
		assertThat(results.path("questions").get(0).path("answered").asInt()).isEqualTo(1);
	}

	@Test
	void aGameThatKeptItsLiveStateSaysNothingWasLost() {
		PlayedGame game = playFirstQuestionAndOpenTheSecond(this.host);
		this.api.control(this.host, game.session(), "end");
		JsonNode results = results(game.session());
		assertThat(results.path("liveStateLost").asBoolean()).isFalse();
		assertThat(results.path("standings").get(0).path("totalScore").asLong()).isEqualTo(900);
	}

	private JsonNode details(UUID session) {
		return this.api.get("/api/sessions/" + session, HostKeys.token(this.host)).json();
	}

	private JsonNode results(UUID session) {
		return this.api.get("/api/sessions/" + session + "/results", HostKeys.token(this.host)).json();
	}

}
