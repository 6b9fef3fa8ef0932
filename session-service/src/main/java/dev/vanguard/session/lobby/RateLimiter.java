package dev.vanguard.session.lobby;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * A fixed-window counter per client address in Redis, so the limit holds across
 * instances. The first request of a window sets the key's expiry; count and expiry change
 * in one script, so a key never outlives its window.
 */
@Component
public class RateLimiter {

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

	RateLimiter(StringRedisTemplate redis, RateLimitProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Counts one {@code action} from {@code address}.
	 * @throws ProblemException 429 with the time until the window ends, once over the
	 * limit
	 */
	public void check(String action, String address) {
		List<?> result = count(KEY_PREFIX + action + ":" + address, this.properties.window());
		long count = ((Number) result.get(0)).longValue();
		if (count > this.properties.requests()) {
			throw tooManyRequests(Duration.ofMillis(((Number) result.get(1)).longValue()));
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

}
