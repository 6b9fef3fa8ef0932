package dev.vanguard.session.game;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The game's counters. {@code sessions_active} counts non-ended sessions in the database
 * (so it agrees across instances), and {@code outbox_backlog} and
 * {@code outbox_oldest_age_seconds} the events not yet confirmed by RabbitMQ, all
 * refreshed in the background rather than on every scrape. Every meter, each join refusal
 * reason included, is registered at start-up so that a fresh system shows zeros.
 */
@Component
public class SessionMetrics {

	private final Counter created;

	private final Counter started;

	private final Counter joins;

	private final Counter questionsAdvanced;

	private final Counter ended;

	private final Counter removals;

	/** The last segment of the problem types a join is refused with. */
	static final List<String> JOIN_REFUSAL_REASONS = List.of("rate-limited", "validation", "nickname-rejected",
			"not-found", "invalid-session-state", "nickname-taken", "nickname-banned", "kicked", "lobby-locked",
			"lobby-full", "join-pattern-required", "wrong-join-pattern", "other");

	private final Map<String, Counter> joinRefusals;

	private final AtomicLong active = new AtomicLong();

	private final AtomicLong outboxBacklog = new AtomicLong();

	private final AtomicLong outboxOldestAgeMillis = new AtomicLong();

	private final GameSessionRepository sessions;

	private final JdbcClient jdbc;

	SessionMetrics(MeterRegistry registry, GameSessionRepository sessions, JdbcClient jdbc) {
		this.sessions = sessions;
		this.jdbc = jdbc;
		// Prometheus reserves the _created suffix (a counter's creation time), so
		// "sessions.created" would be exported as sessions_total: this is
		// sessions_opened_total
		this.created = Counter.builder("sessions.opened").description("Sessions opened").register(registry);
		this.started = Counter.builder("sessions.started").description("Sessions started").register(registry);
		this.joins = Counter.builder("session.joins").description("Players who joined a session").register(registry);
		this.questionsAdvanced = Counter.builder("questions.advanced")
			.description("Questions opened, by the host or automatically")
			.register(registry);
		this.ended = Counter.builder("sessions.ended").description("Sessions ended").register(registry);
		this.removals = Counter.builder("user.removals").description("Players kicked by a host").register(registry);
		Gauge.builder("sessions.active", this.active, AtomicLong::get)
			.description("Sessions not ended yet, across all instances")
			.register(registry);
		this.joinRefusals = JOIN_REFUSAL_REASONS.stream()
			.collect(Collectors.toUnmodifiableMap(Function.identity(),
					(reason) -> Counter.builder("session.join.refusals")
						.description("Joins refused, by the problem type of the refusal")
						.tag("reason", reason)
						.register(registry)));
		Gauge.builder("outbox.backlog", this.outboxBacklog, AtomicLong::get)
			.description("Game events written to the outbox and not yet confirmed by RabbitMQ")
			.register(registry);
		Gauge.builder("outbox.oldest.age", this.outboxOldestAgeMillis, (millis) -> millis.get() / 1000.0)
			.description("Age of the oldest event in the outbox (0 when it is empty)")
			.baseUnit("seconds")
			.register(registry);
	}

	void sessionCreated() {
		this.created.increment();
	}

	void sessionStarted() {
		this.started.increment();
	}

	public void playerJoined() {
		this.joins.increment();
	}

	void questionOpened() {
		this.questionsAdvanced.increment();
	}

	void sessionEnded() {
		this.ended.increment();
	}

	public void playerRemoved() {
		this.removals.increment();
	}

	public void joinRefused(String reason) {
		this.joinRefusals.getOrDefault(reason, this.joinRefusals.get("other")).increment();
	}

	@Scheduled(fixedDelayString = "${vanguard.session.metrics-refresh:10s}")
	void refreshActive() {
		this.active.set(this.sessions.countLive());
		// The age is taken in SQL: no timestamp crosses the JDBC type mapping.
		this.jdbc
			.sql("SELECT count(*), coalesce(extract(epoch FROM now() - min(publication_date)) * 1000, 0)"
					+ " FROM event_publication WHERE completion_date IS NULL")
			.query((rs) -> {
				this.outboxBacklog.set(rs.getLong(1));
				this.outboxOldestAgeMillis.set(Math.max(0, rs.getLong(2)));
			});
	}

}
