package dev.vanguard.session.lobby;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * Limits per client address, kept in Redis so that they hold across instances. Look-ups
 * and joins are Bucket4j buckets (a window's allowance at once, all of it back when the
 * window ends), each in its own key that expires once it would be full again. The
 * allowance of wrong two-step patterns grows with the joins the address completed, which
 * no bucket expresses: it is one script, so that a guess is compared only while the
 * allowance lasts however many arrive at once.
 */
@Component
public class RateLimiter implements DisposableBean {

	static final String KEY_PREFIX = "vanguard:ratelimit:session:";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> COUNT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl < 0 then
			  redis.call('PEXPIRE', KEYS[1], ARGV[1])
			  ttl = tonumber(ARGV[1])
			end
			return {count, ttl}
			""", List.class);

	/**
	 * KEYS: wrong guesses, completed joins of the address; ARGV: window ms, base
	 * allowance, completed joins per extra guess, whether this guess is right (1/0).
	 * Returns {allowed (1) or refused (0), ms left in the window}.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> COUNT_GUESS = RedisScript.of("""
			local ok = tonumber(redis.call('GET', KEYS[2]) or '0')
			local allowance = tonumber(ARGV[2]) + math.floor(ok / tonumber(ARGV[3]))
			local wrong = tonumber(redis.call('GET', KEYS[1]) or '0')
			local ttl = redis.call('PTTL', KEYS[1])
			if wrong >= allowance then
			  return {0, math.max(ttl, 1000)}
			end
			if ARGV[4] == '0' then
			  redis.call('INCR', KEYS[1])
			  if ttl < 0 then
			    redis.call('PEXPIRE', KEYS[1], ARGV[1])
			    ttl = tonumber(ARGV[1])
			  end
			end
			return {1, ttl}
			""", List.class);

	private final StringRedisTemplate redis;

	private final RateLimitProperties properties;

	private final LettuceConnectionFactory factory;

	/**
	 * The buckets on their own connection (Bucket4j reads and writes their state as
	 * bytes); made on first use, and again once that connection was closed: the factory's
	 * client is replaced when the application context is stopped and started again, which
	 * closes every connection it made.
	 */
	private volatile @Nullable Buckets buckets;

	private final BucketConfiguration perWindow;

	RateLimiter(StringRedisTemplate redis, LettuceConnectionFactory factory, RateLimitProperties properties) {
		this.redis = redis;
		this.properties = properties;
		this.factory = factory;
		this.perWindow = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder()
				.capacity(properties.requests())
				.refillIntervally(properties.requests(), properties.window())
				.build())
			.build();
	}

	private ProxyManager<byte[]> buckets() {
		Buckets current = this.buckets;
		if (current != null && current.connection().isOpen()) {
			return current.proxies();
		}
		synchronized (this) {
			current = this.buckets;
			if (current == null || !current.connection().isOpen()) {
				current = connect(this.factory.getRequiredNativeClient());
				this.buckets = current;
			}
			return current.proxies();
		}
	}

	private static Buckets connect(AbstractRedisClient client) {
		ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
			.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1));
		if (client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<byte[], byte[]> clustered = cluster.connect(ByteArrayCodec.INSTANCE);
			return new Buckets(clustered,
					Bucket4jLettuce.casBasedBuilder(clustered).expirationAfterWrite(expiry).build());
		}
		StatefulRedisConnection<byte[], byte[]> single = ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
		return new Buckets(single, Bucket4jLettuce.casBasedBuilder(single).expirationAfterWrite(expiry).build());
	}

	/**
	 * Counts one {@code action} from {@code address}.
	 * @throws ProblemException 429 with the time until the window ends, once over the
	 * limit
	 */
	public void check(String action, String address) {
		byte[] key = (KEY_PREFIX + action + ":" + address).getBytes(StandardCharsets.UTF_8);
		ConsumptionProbe probe = buckets().getProxy(key, () -> this.perWindow).tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw tooManyRequests(Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
	}

	@Override
	public void destroy() {
		Buckets current = this.buckets;
		if (current != null) {
			current.connection().close();
		}
	}

	/**
	 * Counts a guess at a two-step pattern, already compared: a wrong one uses up one of
	 * the address's allowance, a right one uses none. Either is refused once the address
	 * has used its allowance in this window. Redis runs the scripts one at a time, so
	 * however many guesses arrive at once, only those counted before the allowance ran
	 * out can succeed.
	 * @throws ProblemException 429 once the address has used its allowance of wrong
	 * guesses
	 */
	public void countPatternGuess(String address, boolean right) {
		List<?> result = this.redis.execute(COUNT_GUESS,
				List.of(KEY_PREFIX + "pattern-wrong:" + address, KEY_PREFIX + "pattern-ok:" + address),
				Long.toString(this.properties.patternWindow().toMillis()),
				Integer.toString(this.properties.wrongPatterns()),
				Integer.toString(Math.max(1, this.properties.joinsPerExtraWrongPattern())), right ? "1" : "0");
		if (((Number) result.get(0)).longValue() == 0) {
			throw tooManyRequests(Duration.ofMillis(((Number) result.get(1)).longValue()));
		}
	}

	/** A completed two-step join: the address may fumble a little more. */
	public void countGoodPattern(String address) {
		count(KEY_PREFIX + "pattern-ok:" + address, this.properties.patternWindow());
	}

	private List<?> count(String key, Duration window) {
		return this.redis.execute(COUNT, List.of(key), Long.toString(window.toMillis()));
	}

	private static ProblemException tooManyRequests(Duration retryAfter) {
		return new ProblemException(ProblemType.RATE_LIMITED, "Too many requests",
				"Too many requests from this address; try again in " + ProblemException.seconds(retryAfter)
						+ " seconds.")
			.retryAfter(retryAfter);
	}

	private record Buckets(StatefulConnection<byte[], byte[]> connection, ProxyManager<byte[]> proxies) {
	}

}
