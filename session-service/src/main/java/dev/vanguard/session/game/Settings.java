package dev.vanguard.session.game;

/**
 * How a session plays.
 *
 * @param randomiseOptions shuffle each question's options once, when the session opens
 * @param lateJoin whether players may join after the game started
 * @param autoAdvance whether the game moves on by itself after each reveal
 */
record Settings(boolean randomiseOptions, boolean lateJoin, boolean autoAdvance) {
}
