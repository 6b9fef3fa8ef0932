package dev.vanguard.session.game;

/**
 * Where a session is in its game: LOBBY → QUESTION(n) → REVEAL(n) → … → PODIUM → ENDED.
 */
public enum SessionStatus {

	LOBBY, QUESTION, REVEAL, PODIUM, ENDED

}
