package dev.vanguard.auth.account;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.vanguard.auth.AuthProperties.Hashing;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that runs at most {@code maxConcurrent} hashes at once. Each
 * Argon2id hash holds 16 MiB while it runs; with a virtual thread per request a burst of
 * sign-ins would otherwise run them all at once and exhaust the heap. A request that
 * waits longer than {@code maxWait} for its turn gets 503 {@code busy} with
 * {@code Retry-After}.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Semaphore permits;

	private final Hashing limits;

	BoundedPasswordEncoder(PasswordEncoder delegate, Hashing limits) {
		this.delegate = delegate;
		this.permits = new Semaphore(limits.maxConcurrent(), true);
		this.limits = limits;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return bounded(() -> this.delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return bounded(() -> this.delegate.matches(rawPassword, encodedPassword));
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	private <T> T bounded(Supplier<T> hash) {
		boolean acquired;
		try {
			acquired = this.permits.tryAcquire(this.limits.maxWait().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw busy();
		}
		if (!acquired) {
			throw busy();
		}
		try {
			return hash.get();
		}
		finally {
			this.permits.release();
		}
	}

	private static ProblemException busy() {
		return new ProblemException(ProblemType.BUSY, "Busy",
				"Too many sign-ins are being checked right now; try again in a second.")
			.retryAfter(Duration.ofSeconds(1));
	}

}
