package dev.vanguard.contracts;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a typed answer is compared with the accepted answers of a type-the-answer question:
 * case- and accent-insensitively after trimming, with runs of white space counting as one
 * space. quiz-service stores accepted answers as written; the answer script in Redis
 * compares the normalised forms that the question event carries.
 */
public final class AnswerText {

	private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private AnswerText() {
	}

	public static String normalise(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		String unaccented = COMBINING_MARKS.matcher(decomposed).replaceAll("");
		return WHITESPACE.matcher(unaccented.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
	}

}
