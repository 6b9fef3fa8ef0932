/**
 * What every service's tests share: the real PostgreSQL, Redis and RabbitMQ they run on
 * (the machine's, or containers), Redis servers of a test's own, the key sets and tokens
 * of auth-service and session-service for the services that check them
 * ({@link dev.vanguard.testsupport.TestTokens}), and the boundaries each service's
 * ArchitectureTests check.
 */
@NullMarked
package dev.vanguard.testsupport;

import org.jspecify.annotations.NullMarked;
