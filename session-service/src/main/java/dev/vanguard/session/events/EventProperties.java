package dev.vanguard.session.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.vanguard.contracts.events.RoutingKeys;

/**
 * @param exchange the durable topic exchange events go to ({@link RoutingKeys#EXCHANGE};
 * tests use their own)
 * @param confirmTimeout how long to wait for the broker's publisher confirm before the
 * publication counts as failed
 * @param resubmitInterval how often incomplete publications are looked for
 * @param resubmitOlderThan how old an incomplete publication must be before it is sent
 * again; longer than {@code confirmTimeout}, so one still in flight is left alone
 * @param relayThreads how many events the relay handles at once, each waiting for its
 * confirm inside the publication registry's bookkeeping: at most this many of the
 * connection pool's connections go to it
 */
@ConfigurationProperties("vanguard.events")
record EventProperties(@DefaultValue(RoutingKeys.EXCHANGE) String exchange,
		@DefaultValue("10s") Duration confirmTimeout, @DefaultValue("5s") Duration resubmitInterval,
		@DefaultValue("15s") Duration resubmitOlderThan, @DefaultValue("4") int relayThreads) {
}
