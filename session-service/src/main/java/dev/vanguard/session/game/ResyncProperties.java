package dev.vanguard.session.game;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.vanguard.contracts.events.ResyncRequested;

/**
 * @param queue the quorum queue realtime-service sends its resync requests to
 * ({@link ResyncRequested#QUEUE}; tests use their own)
 * @param queueExpires when set, the queue goes after this long unused: only for tests,
 * whose queues would otherwise stay behind (realtime-service's {@code queue-expires}
 * likewise)
 */
@ConfigurationProperties("vanguard.session.resync")
record ResyncProperties(@DefaultValue(ResyncRequested.QUEUE) String queue, Duration queueExpires) {
}
