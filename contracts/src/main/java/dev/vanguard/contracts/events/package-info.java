/**
 * The session events session-service publishes and realtime-service applies, their
 * routing keys, and the request to write a session's state again.
 */
@NullMarked
package dev.vanguard.contracts.events;

import org.jspecify.annotations.NullMarked;
