package dev.vanguard.session.game;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.vanguard.session.web.ApiException;

/**
 * A fixed-window counter per client address in Redis, so the limit holds across
 * instances. The first request of a window sets the key's expiry; count and expiry change
 * in one script, so a key never outlives its window.
 */
@Component
class RateLimiter {

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

	private final StringRedisTemplate redis;

	private final RateLimitProperties properties;

	RateLimiter(StringRedisTemplate redis, RateLimitProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Counts one {@code action} from {@code address}.
	 * @throws ApiException 429 with the time until the window ends, once over the limit
	 */
	void check(String action, String address) {
		List<?> result = this.redis.execute(COUNT, List.of(KEY_PREFIX + action + ":" + address),
				Long.toString(this.properties.window().toMillis()));
		long count = ((Number) result.get(0)).longValue();
		if (count > this.properties.requests()) {
			throw ApiException.tooManyRequests(Duration.ofMillis(((Number) result.get(1)).longValue()));
		}
	}

}
