package dev.vanguard.session.game;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many PIN look-ups, and separately how many joins, one client address may make per
 * window. Enough for a classroom behind one NAT to join over a minute, far too few to
 * walk the million PINs.
 */
@ConfigurationProperties("vanguard.session.rate-limit")
record RateLimitProperties(@DefaultValue("30") int requests, @DefaultValue("10s") Duration window) {
}
