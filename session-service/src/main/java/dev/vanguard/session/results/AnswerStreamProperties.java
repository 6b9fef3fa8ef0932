package dev.vanguard.session.results;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.vanguard.contracts.events.AnswerAccepted;

/**
 * The stream of accepted answers from realtime-service ({@link AnswerAccepted}).
 *
 * @param queue the quorum queue realtime-service publishes them to
 * ({@link AnswerAccepted#QUEUE}; tests use their own)
 * @param queueExpires when set, the queue goes after this long unused: only for tests
 * @param batchSize answers kept in one transaction at most
 * @param batchWait how long a batch waits to fill before it is kept as it is
 */
@Validated
@ConfigurationProperties("vanguard.session.answers")
record AnswerStreamProperties(@DefaultValue(AnswerAccepted.QUEUE) String queue, Duration queueExpires,
		@Min(1) @DefaultValue("250") int batchSize, @DefaultValue("50ms") Duration batchWait) {
}
