package dev.vanguard.support;

/**
 * One field a request got wrong, an entry of a problem's {@code errors}; {@code field}
 * may be a path such as {@code settings.lateJoin}.
 */
public record InvalidField(String field, String message) {
}
