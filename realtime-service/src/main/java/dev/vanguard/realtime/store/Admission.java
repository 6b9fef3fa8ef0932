package dev.vanguard.realtime.store;

/**
 * What the upgrade needs to know to admit a host or a player (the admit script's result).
 */
public record Admission(boolean found, String status, String hostId, String nickname, boolean kicked) {
}
