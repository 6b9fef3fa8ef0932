package dev.vanguard.session.game;

import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The pattern of two-step join: {@value #LENGTH} shapes in order, repeats allowed, shown
 * on the host's screen and tapped on the phone. A script that knows only the PIN has one
 * chance in 4<sup>4</sup> = 256 per guess, and its guesses are counted
 * ({@link dev.vanguard.session.lobby.RateLimiter#countPatternGuess}).
 */
public final class JoinPattern {

	public static final int LENGTH = 4;

	/** The answer shapes the players know from the game itself. */
	public static final List<String> SHAPES = List.of("triangle", "diamond", "circle", "square");

	private static final SecureRandom RANDOM = new SecureRandom();

	private JoinPattern() {
	}

	/** A new pattern, stored as the shapes joined by commas. */
	static String generate() {
		return IntStream.range(0, LENGTH)
			.mapToObj((i) -> SHAPES.get(RANDOM.nextInt(SHAPES.size())))
			.collect(Collectors.joining(","));
	}

	static List<String> shapes(String stored) {
		return (stored != null) ? List.of(stored.split(",")) : null;
	}

	/** Whether a guess names the stored pattern, shape by shape, in order. */
	static boolean matches(String stored, List<String> guess) {
		return stored != null && guess != null && guess.equals(shapes(stored));
	}

}
