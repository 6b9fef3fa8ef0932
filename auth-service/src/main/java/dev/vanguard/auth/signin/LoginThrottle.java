package dev.vanguard.auth.signin;

import java.time.Duration;
import java.util.stream.Stream;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

import dev.vanguard.auth.AttemptBuckets;
import dev.vanguard.auth.AuthProperties;
import dev.vanguard.auth.AuthProperties.LoginLimits;

import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins with Bucket4j buckets in PostgreSQL ({@link AttemptBuckets}), so
 * the limits hold across every instance: per account and address together, per address,
 * and a slowdown per account (see {@link AuthProperties.LoginLimits}). Only a failure
 * takes from a bucket; an attempt is refused while a bucket it needs is empty. No limit
 * locks an account's owner out: failures from elsewhere only delay their attempt by at
 * most the slowdown. Checking is not atomic with counting: concurrent guesses may
 * overshoot a limit by a few, which does not help brute force in any useful way.
 */
@Component
class LoginThrottle {

	private final AttemptBuckets buckets;

	private final BucketConfiguration perAccountAndAddress;

	private final BucketConfiguration perAddress;

	private final BucketConfiguration perAccount;

	private final BucketConfiguration accountPace;

	LoginThrottle(AttemptBuckets buckets, AuthProperties properties) {
		this.buckets = buckets;
		LoginLimits limits = properties.loginLimits();
		this.perAccountAndAddress = AttemptBuckets.perWindow(limits.perAccountAndAddress(), limits.window());
		this.perAddress = AttemptBuckets.perWindow(limits.perAddress(), limits.window());
		this.perAccount = AttemptBuckets.perWindow(limits.slowAccountAfter(), limits.window());
		// The slowdown is one attempt per accountSlowdown after the latest failure,
		// hence a greedy refill: the token comes back a full slowdown after it was taken.
		this.accountPace = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, limits.accountSlowdown()).build())
			.build();
	}

	/** Refuses with 429 while either the account or the address is over its limit. */
	void check(String email, String clientAddress) {
		Duration wait = Stream
			.of(this.buckets.waitBefore(pairKey(email, clientAddress), this.perAccountAndAddress),
					this.buckets.waitBefore(addressKey(clientAddress), this.perAddress), slowdown(email))
			.max(Duration::compareTo)
			.orElseThrow();
		if (wait.isPositive()) {
			throw new LoginThrottledException(wait);
		}
	}

	void recordFailure(String email, String clientAddress) {
		this.buckets.take(pairKey(email, clientAddress), this.perAccountAndAddress);
		this.buckets.take(addressKey(clientAddress), this.perAddress);
		this.buckets.take(accountKey(email), this.perAccount);
		this.buckets.take(paceKey(email), this.accountPace);
	}

	// Past its allowance, an account still takes one attempt per slowdown: two buckets,
	// since a refusal needs both empty, which one bucket of several limits cannot say.
	private Duration slowdown(String email) {
		if (this.buckets.waitBefore(accountKey(email), this.perAccount).isZero()) {
			return Duration.ZERO;
		}
		return this.buckets.waitBefore(paceKey(email), this.accountPace);
	}

	private static String pairKey(String email, String clientAddress) {
		return "login:account-address:" + email + " " + clientAddress;
	}

	private static String addressKey(String clientAddress) {
		return "login:address:" + clientAddress;
	}

	private static String accountKey(String email) {
		return "login:account:" + email;
	}

	private static String paceKey(String email) {
		return "login:account-pace:" + email;
	}

}
