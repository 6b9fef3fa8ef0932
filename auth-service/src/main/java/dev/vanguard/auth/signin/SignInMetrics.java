package dev.vanguard.auth.signin;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code auth.user.logins} and {@code auth.token.refreshes} by outcome. Every outcome is
 * registered up front so dashboards see zeros rather than missing series.
 */
@Component
class SignInMetrics {

	static final List<String> LOGIN_OUTCOMES = List.of("success", "bad_credentials", "rate_limited");

	static final List<String> REFRESH_OUTCOMES = List.of("success", "invalid", "expired", "reused", "revoked",
			"cross_site");

	private final Map<String, Counter> logins;

	private final Map<String, Counter> refreshes;

	SignInMetrics(MeterRegistry meters) {
		this.logins = counters(meters, "auth.user.logins", "Sign-in attempts", LOGIN_OUTCOMES);
		this.refreshes = counters(meters, "auth.token.refreshes", "Refresh token exchanges", REFRESH_OUTCOMES);
	}

	void login(String outcome) {
		this.logins.get(outcome).increment();
	}

	void refresh(String outcome) {
		this.refreshes.get(outcome).increment();
	}

	private static Map<String, Counter> counters(MeterRegistry meters, String name, String description,
			List<String> outcomes) {
		return outcomes.stream()
			.collect(Collectors.toUnmodifiableMap(Function.identity(),
					(outcome) -> Counter.builder(name)
						.description(description)
						.tag("outcome", outcome)
						.register(meters)));
	}

}
