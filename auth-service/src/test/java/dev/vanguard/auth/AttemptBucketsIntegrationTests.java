package dev.vanguard.auth;

import java.time.Duration;
import java.util.UUID;

import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@AuthIntegrationTest
class AttemptBucketsIntegrationTests {

	private static final BucketConfiguration TWO_PER_SECOND = AttemptBuckets.perWindow(2, Duration.ofSeconds(1));

	@Autowired
	AttemptBuckets buckets;

	@Autowired
	JdbcClient jdbc;

	@Test
	void refusesOnceTheAllowanceIsTakenUntilItComesBack() {
		String key = "test:" + UUID.randomUUID();

		this.buckets.take(key, TWO_PER_SECOND);
		assertThat(this.buckets.waitBefore(key, TWO_PER_SECOND)).isZero();
		this.buckets.take(key, TWO_PER_SECOND);

		assertThat(this.buckets.waitBefore(key, TWO_PER_SECOND)).isPositive()
			.isLessThanOrEqualTo(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(3)).until(() -> this.buckets.waitBefore(key, TWO_PER_SECOND).isZero());
	}

	@Test
	void housekeepingRemovesBucketsThatAreFullAgainAndKeepsTheOthers() {
		String fullAgainSoon = "test:" + UUID.randomUUID();
		String neverFull = "test:" + UUID.randomUUID();
		BucketConfiguration oncePerHour = AttemptBuckets.perWindow(1, Duration.ofHours(1));
		this.buckets.take(fullAgainSoon, TWO_PER_SECOND);
		this.buckets.take(neverFull, oncePerHour);
		assertThat(stored(fullAgainSoon)).isTrue();

		await().atMost(Duration.ofSeconds(5)).until(() -> {
			this.buckets.removeFull();
			return !stored(fullAgainSoon);
		});

		assertThat(stored(neverFull)).isTrue();
		assertThat(this.buckets.waitBefore(neverFull, oncePerHour)).isPositive();
	}

	@Test
	void storesNoKeyInTheClear() {
		String email = "bucket-" + UUID.randomUUID() + "@example.com";

		this.buckets.take("login:account:" + email, TWO_PER_SECOND);

		assertThat(stored("login:account:" + email)).isTrue();
		assertThat(this.jdbc.sql("select count(*) from attempt_buckets where encode(state, 'escape') like :email")
			.param("email", "%" + email + "%")
			.query(Long.class)
			.single()).isZero();
	}

	private boolean stored(String key) {
		return this.jdbc.sql("select count(*) from attempt_buckets where id = :id")
			.param("id", AttemptBuckets.id(key))
			.query(Long.class)
			.single() == 1;
	}

}
