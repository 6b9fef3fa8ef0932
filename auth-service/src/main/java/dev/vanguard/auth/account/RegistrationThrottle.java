package dev.vanguard.auth.account;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;

import dev.vanguard.auth.AttemptBuckets;
import dev.vanguard.auth.AuthProperties;
import dev.vanguard.auth.AuthProperties.RegistrationLimits;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

import org.springframework.stereotype.Component;

/**
 * Registrations per client address, a Bucket4j bucket in PostgreSQL
 * ({@link AttemptBuckets}) so the limit holds across instances: each costs a password
 * hash and a row, so one address cannot create accounts (or burn CPU) in bulk.
 */
@Component
class RegistrationThrottle {

	private final AttemptBuckets buckets;

	private final BucketConfiguration perAddress;

	RegistrationThrottle(AttemptBuckets buckets, AuthProperties properties) {
		this.buckets = buckets;
		RegistrationLimits limits = properties.registrationLimits();
		this.perAddress = AttemptBuckets.perWindow(limits.perAddress(), limits.window());
	}

	/**
	 * Counts one registration from {@code address}.
	 * @throws ProblemException 429 {@code too-many-attempts} once over the limit
	 */
	void take(String address) {
		Duration wait = this.buckets.tryTake("registration:address:" + address, this.perAddress);
		if (wait.isPositive()) {
			throw throttled(wait);
		}
	}

	private static ProblemException throttled(Duration wait) {
		return new ProblemException(ProblemType.TOO_MANY_ATTEMPTS, "Too many registrations",
				"Too many accounts were registered from this address; try again in " + ProblemException.seconds(wait)
						+ " seconds.")
			.retryAfter(wait);
	}

}
