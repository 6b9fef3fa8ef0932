package dev.vanguard.auth.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.vanguard.auth.AuthProperties;
import dev.vanguard.auth.AuthProperties.RegistrationLimits;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Registrations per client address in a sliding window, counted in PostgreSQL so the
 * limit holds across instances: each costs a password hash and a row, so one address
 * cannot create accounts (or burn CPU) in bulk.
 */
@Component
public class RegistrationThrottle {

	// the registration that must leave the window before one more is allowed
	private static final String BLOCKER = """
			select attempted_at from registration_attempts
			where client_address = :address and attempted_at > :since
			order by attempted_at desc offset :skip limit 1""";

	private final JdbcClient jdbc;

	private final RegistrationLimits limits;

	private final Clock clock;

	RegistrationThrottle(JdbcClient jdbc, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.limits = properties.registrationLimits();
		this.clock = clock;
	}

	/**
	 * Counts one registration from {@code address}.
	 * @throws ProblemException 429 {@code too-many-attempts} once over the limit
	 */
	void take(String address) {
		Instant now = this.clock.instant();
		this.jdbc.sql(BLOCKER)
			.param("address", address)
			.param("since", utc(now.minus(this.limits.window())))
			.param("skip", this.limits.perAddress() - 1)
			.query(OffsetDateTime.class)
			.optional()
			.map((attemptedAt) -> attemptedAt.toInstant().plus(this.limits.window()))
			.ifPresent((until) -> {
				throw throttled(Duration.between(now, until));
			});
		this.jdbc.sql("insert into registration_attempts (client_address, attempted_at) values (:address, :at)")
			.param("address", address)
			.param("at", utc(now))
			.update();
	}

	/** Drops attempts that no longer count. */
	public int forgetOlderThanWindow(Instant now) {
		return this.jdbc.sql("delete from registration_attempts where attempted_at <= :since")
			.param("since", utc(now.minus(this.limits.window())))
			.update();
	}

	private static ProblemException throttled(Duration wait) {
		return new ProblemException(ProblemType.TOO_MANY_ATTEMPTS, "Too many registrations",
				"Too many accounts were registered from this address; try again in " + ProblemException.seconds(wait)
						+ " seconds.")
			.retryAfter(wait);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
