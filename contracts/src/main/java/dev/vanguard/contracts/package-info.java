/**
 * The contracts between Vanguard's services: event records and their routing keys, and
 * the Redis key layout. Plain Java so that any service, and the benchmark, can depend on
 * it.
 */
@NullMarked
package dev.vanguard.contracts;

import org.jspecify.annotations.NullMarked;
