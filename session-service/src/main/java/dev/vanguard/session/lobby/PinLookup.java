package dev.vanguard.session.lobby;

import java.util.UUID;

import dev.vanguard.session.game.SessionStatus;

/**
 * What a phone learns of a PIN before joining.
 *
 * @param joinable whether a join would be accepted now
 */
record PinLookup(UUID sessionId, boolean joinable, SessionStatus status, String quizTitle, boolean twoStepJoin,
		boolean friendlyNicknames) {
}
