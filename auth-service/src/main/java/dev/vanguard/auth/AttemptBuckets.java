package dev.vanguard.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLadvisoryLockBasedProxyManager;

import org.springframework.stereotype.Component;

/**
 * Bucket4j buckets in auth-service's own PostgreSQL (table {@code attempt_buckets}) for
 * the sign-in and registration limits, so that a limit holds across every instance
 * without another store. A bucket is changed under a transaction-scoped advisory lock on
 * its id, so concurrent attempts at one key queue instead of overwriting each other's
 * count.
 * <p>
 * A bucket's id is the first 64 bits of the SHA-256 of its key: the table holds no e-mail
 * address or client address, and a collision (two keys sharing a count) is beyond any
 * realistic number of keys.
 */
@Component
public class AttemptBuckets {

	private static final String TABLE = "attempt_buckets";

	private static final int REMOVAL_BATCH = 1000;

	private final PostgreSQLadvisoryLockBasedProxyManager<Long> buckets;

	AttemptBuckets(DataSource dataSource) {
		// a bucket that is full again counts nothing: its row may go
		this.buckets = Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
			.table(TABLE)
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
			.build();
	}

	/**
	 * {@code attempts} per {@code window}: a window's allowance at once, all of it back
	 * when the window that began with the bucket's first attempt ends, so a run of
	 * attempts is refused until the first of them is a window old.
	 */
	public static BucketConfiguration perWindow(int attempts, Duration window) {
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(attempts).refillIntervally(attempts, window).build())
			.build();
	}

	/**
	 * How long until one more attempt at {@code key} fits {@code limit}; zero when it
	 * fits now. Takes nothing from the bucket.
	 */
	public Duration waitBefore(String key, BucketConfiguration limit) {
		return Duration.ofNanos(bucket(key, limit).estimateAbilityToConsume(1).getNanosToWaitForRefill());
	}

	/**
	 * Counts one attempt at {@code key}, if {@code limit} still allows one (attempts that
	 * raced past {@link #waitBefore} are not counted twice).
	 */
	public void take(String key, BucketConfiguration limit) {
		bucket(key, limit).tryConsume(1);
	}

	/**
	 * Counts one attempt at {@code key} if {@code limit} allows it now.
	 * @return zero when counted, else how long until one more attempt fits
	 */
	public Duration tryTake(String key, BucketConfiguration limit) {
		ConsumptionProbe probe = bucket(key, limit).tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	/** Deletes the rows of buckets that are full again; returns how many. */
	public int removeFull() {
		int removed = 0;
		int batch;
		do {
			batch = this.buckets.removeExpired(REMOVAL_BATCH);
			removed += batch;
		}
		while (batch == REMOVAL_BATCH);
		return removed;
	}

	private BucketProxy bucket(String key, BucketConfiguration limit) {
		return this.buckets.getProxy(id(key), () -> limit);
	}

	static long id(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
