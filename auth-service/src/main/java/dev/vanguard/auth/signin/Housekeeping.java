package dev.vanguard.auth.signin;

import java.time.Clock;
import java.time.ZoneOffset;

import dev.vanguard.auth.AttemptBuckets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes sign-in records that can no longer matter. Safe to run on every instance at
 * once: each statement only removes rows that are dead for everyone.
 */
@Component
class Housekeeping {

	private final AttemptBuckets buckets;

	private final JdbcClient jdbc;

	private final Clock clock;

	Housekeeping(AttemptBuckets buckets, JdbcClient jdbc, Clock clock) {
		this.buckets = buckets;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${vanguard.auth.housekeeping-interval:PT10M}",
			fixedDelayString = "${vanguard.auth.housekeeping-interval:PT10M}")
	void removeDeadRecords() {
		this.buckets.removeFull();
		// A family whose every token has expired can never be used again; its tokens go
		// with it (on delete cascade).
		this.jdbc.sql("""
				delete from refresh_token_families f
				where not exists (select 1 from refresh_tokens t where t.family_id = f.id and t.expires_at > :now)""")
			.param("now", this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
	}

}
