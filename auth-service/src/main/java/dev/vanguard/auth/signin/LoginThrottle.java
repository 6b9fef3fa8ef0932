package dev.vanguard.auth.signin;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;

import dev.vanguard.auth.AuthProperties;
import dev.vanguard.auth.AuthProperties.LoginLimits;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins in PostgreSQL, so the limits hold across every instance: per
 * account and address together, per address, and a slowdown per account (see
 * {@link AuthProperties.LoginLimits}). No limit locks an account's owner out: failures
 * from elsewhere only delay their attempt by at most the slowdown. Counting is not atomic
 * with the check: concurrent guesses may overshoot a limit by a few, which does not help
 * brute force in any useful way.
 */
@Component
class LoginThrottle {

	// The failure that must leave the window before one more attempt is allowed is
	// the limit-th most recent one.
	private static final String PAIR_BLOCKER = """
			select failed_at from login_failures
			where email = :key and client_address = :address and failed_at > :since
			order by failed_at desc offset :skip limit 1""";

	// The account is slowed once it has this many failures in the window: the latest
	// failure then holds the next attempt back for the slowdown.
	private static final String ACCOUNT_SLOWDOWN = """
			select max(failed_at) from login_failures
			where email = :key and failed_at > :since
			having count(*) >= :count""";

	private static final String ADDRESS_BLOCKER = """
			select failed_at from login_failures
			where client_address = :key and failed_at > :since
			order by failed_at desc offset :skip limit 1""";

	private final JdbcClient jdbc;

	private final LoginLimits limits;

	LoginThrottle(JdbcClient jdbc, AuthProperties properties) {
		this.jdbc = jdbc;
		this.limits = properties.loginLimits();
	}

	/** Refuses with 429 while either the account or the address is over its limit. */
	void check(String email, String clientAddress, Instant now) {
		Optional<Instant> blockedUntil = Stream
			.of(blockedUntil(PAIR_BLOCKER, email, clientAddress, this.limits.perAccountAndAddress(), now),
					blockedUntil(ADDRESS_BLOCKER, clientAddress, clientAddress, this.limits.perAddress(), now),
					slowedUntil(email, now))
			.flatMap(Optional::stream)
			.filter((until) -> until.isAfter(now))
			.max(Instant::compareTo);
		if (blockedUntil.isPresent()) {
			long millis = Duration.between(now, blockedUntil.get()).toMillis();
			throw new LoginThrottledException(Duration.ofSeconds(Math.max(1, (millis + 999) / 1000)));
		}
	}

	void recordFailure(String email, String clientAddress, Instant now) {
		this.jdbc
			.sql("insert into login_failures (email, client_address, failed_at) values (:email, :address, :failedAt)")
			.param("email", email)
			.param("address", clientAddress)
			.param("failedAt", utc(now))
			.update();
	}

	/** Drops failures that no longer count. */
	int forgetOlderThanWindow(Instant now) {
		return this.jdbc.sql("delete from login_failures where failed_at <= :since")
			.param("since", utc(now.minus(this.limits.window())))
			.update();
	}

	private Optional<Instant> slowedUntil(String email, Instant now) {
		return this.jdbc.sql(ACCOUNT_SLOWDOWN)
			.param("key", email)
			.param("since", utc(now.minus(this.limits.window())))
			.param("count", this.limits.slowAccountAfter())
			.query(OffsetDateTime.class)
			.optional()
			.map((latest) -> latest.toInstant().plus(this.limits.accountSlowdown()));
	}

	private Optional<Instant> blockedUntil(String sql, String key, String address, int limit, Instant now) {
		return this.jdbc.sql(sql)
			.param("key", key)
			.param("address", address)
			.param("since", utc(now.minus(this.limits.window())))
			.param("skip", limit - 1)
			.query(OffsetDateTime.class)
			.optional()
			.map((failedAt) -> failedAt.toInstant().plus(this.limits.window()));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
