package dev.vanguard.session.support;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.session.support.QuizStub.Question;
import dev.vanguard.testsupport.Infrastructure;
import dev.vanguard.testsupport.PostgresTestConfiguration;
import dev.vanguard.testsupport.RabbitTestConfiguration;
import dev.vanguard.testsupport.RedisTestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one application context every integration test class shares: session-service
 * against real PostgreSQL (its own database), Redis and RabbitMQ (its own exchange,
 * through a proxy the test can cut), with quiz-service and auth-service's JWKS played by
 * a small HTTP server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import({ PostgresTestConfiguration.class, RedisTestConfiguration.class, RabbitTestConfiguration.class,
		SessionTestConfiguration.class })
public abstract class SessionServiceIntegrationTest {

	protected static final QuizStub QUIZZES = new QuizStub();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		// An exchange of each context's own (this runs once per context): its event
		// collector deletes the exchange when the context closes, and events are
		// published
		// mandatory, so a shared one would leave the contexts still cached publishing
		// into a
		// deleted exchange, or returned for want of a queue.
		String exchange = Infrastructure.uniqueName("vanguard_events_test");
		registry.add("vanguard.quiz.base-url", QUIZZES::baseUrl);
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> QUIZZES.baseUrl() + "/.well-known/jwks.json");
		registry.add("vanguard.events.exchange", () -> exchange);
		// a resync queue of each context's own, never the platform's; it goes 5 min after
		// its context closed
		String resyncQueue = Infrastructure.uniqueName("vanguard_session_resync_test");
		registry.add("vanguard.session.resync.queue", () -> resyncQueue);
		registry.add("vanguard.session.resync.queue-expires", () -> "5m");
		// likewise the accepted answers' queue
		String answersQueue = Infrastructure.uniqueName("vanguard_session_answers_test");
		registry.add("vanguard.session.answers.queue", () -> answersQueue);
		registry.add("vanguard.session.answers.queue-expires", () -> "5m");
		// a session whose live state cannot be written back ends after this
		registry.add("vanguard.session.rebuild-give-up-after", () -> "2s");
		registry.add("vanguard.events.confirm-timeout", () -> "3s");
		registry.add("vanguard.events.resubmit-interval", () -> "1s");
		// longer than any publish takes even on a busy machine, so tests see no repeats
		registry.add("vanguard.events.resubmit-older-than", () -> "8s");
		registry.add("vanguard.session.auto-advance-delay", () -> "1s");
		// tests rebuild live state by calling the clock: no realtime-service writes the
		// state
		// of their sessions, and a rebuild would leave keys behind after their clean-up
		registry.add("vanguard.session.live-state-check-interval", () -> "1h");
		// a long window, so a slow machine cannot let the rate-limit test slip into the
		// next
		registry.add("vanguard.session.rate-limit.window", () -> "60s");
	}

	@LocalServerPort
	private int port;

	@Autowired
	protected EventCollector events;

	@Autowired
	protected StringRedisTemplate redis;

	@Autowired
	protected TcpProxy rabbitProxy;

	protected Api api;

	@BeforeEach
	void createApi() {
		this.api = new Api(this.port);
	}

	@AfterEach
	void deleteRedisKeys() {
		this.rabbitProxy.up();
		Set<String> keys = new HashSet<>();
		for (UUID session : this.api.sessions) {
			keys.addAll(scan(SessionKeys.of(session).pattern()));
		}
		for (String address : this.api.addresses) {
			keys.add("vanguard:ratelimit:session:lookup:" + address);
			keys.add("vanguard:ratelimit:session:join:" + address);
			keys.add("vanguard:ratelimit:session:pattern-wrong:" + address);
			keys.add("vanguard:ratelimit:session:pattern-ok:" + address);
		}
		if (!keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

	/**
	 * What a Redis restart without persistence leaves of this session: nothing. Only the
	 * session's own keys go, never the shared Redis's others.
	 */
	protected void restartRedisEmpty(SessionKeys keys) {
		this.redis.delete(scan(keys.pattern()));
		assertThat(this.redis.hasKey(keys.state())).isFalse();
	}

	private Set<String> scan(String pattern) {
		Set<String> keys = new HashSet<>();
		try (var cursor = this.redis.scan(ScanOptions.scanOptions().match(pattern).count(1000).build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}

	/**
	 * A quiz of {@code owner}'s with these questions, served by the quiz-service
	 * stand-in.
	 */
	protected static UUID quiz(UUID owner, Question... questions) {
		return QUIZZES.add(owner, "Quiz " + UUID.randomUUID().toString().substring(0, 6), List.of(questions));
	}

	protected static Question single(String text) {
		return Question.single(text, 60, List.of("Red", "Green", "Blue", "Yellow"), 2);
	}

	/**
	 * {@code host}'s game played as far as its second question: ada answers question 0
	 * right (900 points, a streak of 1), grace does not, a third player is kicked;
	 * question 0 is revealed and question 1 opened, each applied in Redis as
	 * realtime-service would, with the seq of the event.
	 */
	protected PlayedGame playFirstQuestionAndOpenTheSecond(UUID host) {
		UUID quiz = quiz(host, single("Colour?"), single("Next?"));
		JsonNode created = this.api.openSession(host, quiz, null);
		UUID session = UUID.fromString(created.path("id").asString());
		String pin = created.path("pin").asString();
		String ada = this.api.join(pin, "ada").path("playerId").asString();
		String grace = this.api.join(pin, "grace").path("playerId").asString();
		String kicked = this.api.join(pin, "mallory").path("playerId").asString();
		assertThat(this.api.delete("/api/sessions/" + session + "/players/" + kicked, HostKeys.token(host)).status())
			.isEqualTo(204);
		SessionKeys keys = SessionKeys.of(session);
		this.api.control(host, session, "start");
		applied(host, session, "QUESTION", 0);
		this.redis.opsForHash()
			.put(keys.answers(0), ada, "{\"options\":[2],\"correct\":true,\"points\":900,\"streak\":1,"
					+ "\"responseMs\":1200,\"answeredAt\":" + System.currentTimeMillis() + "}");
		this.redis.opsForZSet().add(keys.scores(), ada, 900);
		this.redis.opsForZSet().add(keys.scores(), grace, 0);
		this.redis.opsForHash().put(keys.streaks(), ada, "1");
		this.api.control(host, session, "reveal");
		applied(host, session, "REVEAL", 0);
		this.api.control(host, session, "next");
		applied(host, session, "QUESTION", 1);
		return new PlayedGame(session, keys, ada, grace, kicked);
	}

	/** What realtime-service writes when it applies an event of the session. */
	private void applied(UUID host, UUID session, String status, int index) {
		long now = System.currentTimeMillis();
		long lastSeq = this.api.get("/api/sessions/" + session, HostKeys.token(host)).json().path("lastSeq").asLong();
		this.redis.opsForHash()
			.putAll(SessionKeys.of(session).state(),
					Map.of("status", status, "questionIndex", Integer.toString(index), "startedAt", Long.toString(now),
							"deadline", Long.toString(now + 120_000), "seq", Long.toString(lastSeq)));
	}

	/** A game of {@link #playFirstQuestionAndOpenTheSecond}. */
	protected record PlayedGame(UUID session, SessionKeys keys, String ada, String grace, String kicked) {
	}

}
