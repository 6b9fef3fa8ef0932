package dev.vanguard.realtime.socket;

/**
 * A per-connection rate limit on client frames. Only touched on the connection's event
 * loop, so it needs no synchronisation.
 */
final class TokenBucket {

	private final double capacity;

	private final double perNano;

	private double tokens;

	private long last;

	TokenBucket(int burst, int perSecond) {
		this.capacity = burst;
		this.perNano = perSecond / 1_000_000_000.0;
		this.tokens = burst;
		this.last = System.nanoTime();
	}

	/** Takes a token if there is one. */
	boolean tryTake() {
		long now = System.nanoTime();
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perNano);
		this.last = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

}
