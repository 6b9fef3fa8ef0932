/**
 * A live session's state in Redis, as realtime-service reads and changes it: roster,
 * kicked set, lobby controls, answers, scores. Below the features: the game, the lobby
 * and the results use it; it knows none of them.
 */
@NullMarked
package dev.vanguard.session.live;

import org.jspecify.annotations.NullMarked;
