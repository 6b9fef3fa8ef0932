package dev.vanguard.session.lobby;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many PIN look-ups, and separately how many joins, one client address may make per
 * window: enough for 300 players behind one NAT (a school) to join within 30 s, far too
 * few to walk the million PINs. And how many wrong two-step patterns an address may send
 * per {@code patternWindow}: {@code wrongPatterns}, plus one for every
 * {@code joinsPerExtraWrongPattern} two-step joins it completed, so a big classroom may
 * fumble more often than a script that never gets in.
 */
@ConfigurationProperties("vanguard.session.rate-limit")
record RateLimitProperties(@DefaultValue("300") int requests, @DefaultValue("30s") Duration window,
		@DefaultValue("5") int wrongPatterns, @DefaultValue("10") int joinsPerExtraWrongPattern,
		@DefaultValue("10m") Duration patternWindow) {
}
