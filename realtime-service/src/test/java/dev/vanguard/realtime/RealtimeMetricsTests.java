package dev.vanguard.realtime;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.vanguard.realtime.protocol.ErrorCode;
import dev.vanguard.realtime.store.ApplyOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class RealtimeMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void registersEveryOutcomeAtStartUpSoDashboardsShowZeros() {
		new RealtimeMetrics(this.registry);

		assertThat(count("quiz.answers.submitted", "outcome", "accepted")).isZero();
		for (ErrorCode code : ErrorCode.values()) {
			assertThat(count("quiz.answers.submitted", "outcome", code.name().toLowerCase(Locale.ROOT))).isZero();
			assertThat(count("websocket.message.errors", "code", code.name())).isZero();
		}
		for (ApplyOutcome outcome : ApplyOutcome.values()) {
			assertThat(count("session.events.processed", "outcome", outcome.name().toLowerCase(Locale.ROOT))).isZero();
			assertThat(count("session.events.express", "outcome", outcome.name().toLowerCase(Locale.ROOT))).isZero();
		}
		for (String outcome : List.of("rejected", "failed")) {
			assertThat(count("session.events.processed", "outcome", outcome)).isZero();
			assertThat(count("session.events.express", "outcome", outcome)).isZero();
		}
		for (String reason : RealtimeMetrics.DEAD_LETTER_REASONS) {
			assertThat(count("session.events.dead.lettered", "reason", reason)).isZero();
		}
		for (String reason : RealtimeMetrics.RESYNC_REASONS) {
			assertThat(count("session.resync.requests", "reason", reason)).isZero();
		}
	}

	@Test
	void describesEveryMeter() {
		new RealtimeMetrics(this.registry);

		assertThat(this.registry.getMeters()).isNotEmpty()
			.allSatisfy((meter) -> assertThat(meter.getId().getDescription()).as(meter.getId().getName()).isNotBlank());
	}

	@Test
	void countsAnswersIntoTheRegisteredSeries() {
		RealtimeMetrics metrics = new RealtimeMetrics(this.registry);

		metrics.answerSubmitted("late");
		metrics.answerSubmitted("accepted");
		metrics.answerSubmitted("accepted");

		assertThat(count("quiz.answers.submitted", "outcome", "late")).isEqualTo(1);
		assertThat(count("quiz.answers.submitted", "outcome", "accepted")).isEqualTo(2);
		assertThat(this.registry.find("quiz.answers.submitted").meters()).hasSize(1 + ErrorCode.values().length);
	}

	private double count(String name, String tag, String value) {
		Meter.Id id = this.registry.get(name).tag(tag, value).counter().getId();
		return this.registry.get(id.getName()).tags(id.getTags()).counter().count();
	}

}
