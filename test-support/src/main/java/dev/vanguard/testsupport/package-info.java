/**
 * What every service's tests share: the real PostgreSQL, Redis and RabbitMQ they run on
 * (the machine's, or containers), Redis servers of a test's own, and the boundaries each
 * service's ArchitectureTests check.
 */
@NullMarked
package dev.vanguard.testsupport;

import org.jspecify.annotations.NullMarked;
