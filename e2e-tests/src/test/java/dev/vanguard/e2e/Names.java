package dev.vanguard.e2e;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Names that are new on every run: the platform keeps its data between runs, and an
 * e-mail or a quiz word from an earlier run must not collide with this one.
 */
final class Names {

	private static final RandomGenerator RANDOM = new SecureRandom();

	/**
	 * Digits the nickname filter does not read as letters (it turns 0, 1, 3, 4, 5 and 7
	 * into o, i, e, a, s and t), so a random suffix never spells a blocked word.
	 */
	private static final String SAFE_DIGITS = "2689";

	private static final String CONSONANTS = "bdfgklmnprtvz";

	private static final String VOWELS = "aeiou";

	private Names() {
	}

	static String email(String label) {
		return "e2e-" + label + "-" + letters(10) + "@example.com";
	}

	static String password() {
		return "e2e-" + letters(12) + "-" + letters(6);
	}

	/** A nickname of at most 20 characters: the name and a random number. */
	static String nickname(String name) {
		StringBuilder nickname = new StringBuilder(name).append(' ');
		for (int i = 0; i < 6; i++) {
			nickname.append(SAFE_DIGITS.charAt(RANDOM.nextInt(SAFE_DIGITS.length())));
		}
		return nickname.toString();
	}

	/**
	 * A made-up word no other quiz has: alternating consonants and vowels, ending in a
	 * consonant that no stemmer strips.
	 */
	static String word() {
		return letters(11) + "k";
	}

	private static String letters(int length) {
		StringBuilder word = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			String from = (i % 2 == 0) ? CONSONANTS : VOWELS;
			word.append(from.charAt(RANDOM.nextInt(from.length())));
		}
		return word.toString();
	}

}
