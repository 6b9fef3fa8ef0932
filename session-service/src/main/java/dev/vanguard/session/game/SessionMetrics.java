package dev.vanguard.session.game;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The game's counters. {@code sessions_active} counts non-ended sessions in the database
 * (so it agrees across instances), refreshed in the background rather than on every
 * scrape.
 */
@Component
class SessionMetrics {

	private final Counter created;

	private final Counter started;

	private final Counter joins;

	private final Counter questionsAdvanced;

	private final Counter ended;

	private final Counter removals;

	private final AtomicLong active = new AtomicLong();

	private final GameSessionRepository sessions;

	SessionMetrics(MeterRegistry registry, GameSessionRepository sessions) {
		this.sessions = sessions;
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
	}

	void sessionCreated() {
		this.created.increment();
	}

	void sessionStarted() {
		this.started.increment();
	}

	void playerJoined() {
		this.joins.increment();
	}

	void questionOpened() {
		this.questionsAdvanced.increment();
	}

	void sessionEnded() {
		this.ended.increment();
	}

	void playerRemoved() {
		this.removals.increment();
	}

	@Scheduled(fixedDelayString = "${vanguard.session.metrics-refresh:10s}")
	void refreshActive() {
		this.active.set(this.sessions.countLive());
	}

}
