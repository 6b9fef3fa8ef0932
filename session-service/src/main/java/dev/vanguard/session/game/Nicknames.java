package dev.vanguard.session.game;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.vanguard.contracts.AnswerText;
import dev.vanguard.session.web.ApiException;

/**
 * The nickname rules: trimmed, runs of spaces as one, 1–{@value #MAX_LENGTH} characters
 * (code points, so an emoji counts once), something visible in it, no control or
 * invisible characters, and nothing from the block list.
 */
@Component
class Nicknames {

	static final int MAX_LENGTH = 20;

	private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

	private static final Pattern NOT_A_LETTER = Pattern.compile("[^\\p{L}]+");

	private static final int ZERO_WIDTH_JOINER = 0x200D;

	private final Set<String> wholeWords = new HashSet<>();

	private final Set<String> fragments = new HashSet<>();

	Nicknames() {
		for (String line : readBlockList()) {
			String word = line.strip().toLowerCase(Locale.ROOT);
			if (word.isEmpty() || word.startsWith("#")) {
				continue;
			}
			if (word.startsWith("=")) {
				this.wholeWords.add(word.substring(1));
			}
			else {
				this.fragments.add(word);
				this.wholeWords.add(word);
			}
		}
	}

	/**
	 * The nickname as it will be shown.
	 * @throws ApiException 400 when malformed, 422 when blocked
	 */
	String clean(String raw) {
		if (raw == null) {
			throw ApiException.validation("nickname", "must not be blank");
		}
		String nickname = SPACES.matcher(raw).replaceAll(" ").strip();
		if (nickname.isEmpty()) {
			throw ApiException.validation("nickname", "must not be blank");
		}
		if (nickname.codePoints().anyMatch(Nicknames::isInvisible)) {
			throw ApiException.validation("nickname", "must not contain control or invisible characters");
		}
		if (nickname.codePoints().noneMatch(Nicknames::isVisible)) {
			throw ApiException.validation("nickname", "must contain a visible character");
		}
		if (nickname.codePointCount(0, nickname.length()) > MAX_LENGTH) {
			throw ApiException.validation("nickname", "must be at most " + MAX_LENGTH + " characters");
		}
		if (isBlocked(nickname)) {
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "nickname-rejected", "Nickname not allowed",
					"This nickname is not allowed; please pick another one.");
		}
		return nickname;
	}

	boolean isBlocked(String nickname) {
		String normalised = undoSwaps(AnswerText.normalise(nickname));
		for (String word : NOT_A_LETTER.split(normalised)) {
			if (this.wholeWords.contains(word)) {
				return true;
			}
		}
		String squashed = NOT_A_LETTER.matcher(normalised).replaceAll("");
		return this.fragments.stream().anyMatch(squashed::contains);
	}

	private static String undoSwaps(String text) {
		StringBuilder result = new StringBuilder(text.length());
		text.codePoints().map(Nicknames::unswap).forEach(result::appendCodePoint);
		return result.toString();
	}

	private static int unswap(int c) {
		return switch (c) {
			case '0' -> 'o';
			case '1', '!' -> 'i';
			case '3' -> 'e';
			case '4', '@' -> 'a';
			case '5', '$' -> 's';
			case '7' -> 't';
			default -> c;
		};
	}

	private static boolean isInvisible(int c) {
		return switch (Character.getType(c)) {
			case Character.CONTROL, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE,
					Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
				true;
			// format characters are invisible, except the joiner that builds emoji
			// sequences
			case Character.FORMAT -> c != ZERO_WIDTH_JOINER;
			default -> false;
		};
	}

	private static boolean isVisible(int c) {
		return switch (Character.getType(c)) {
			case Character.SPACE_SEPARATOR, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT,
					Character.CONTROL ->
				false;
			default -> !Character.isWhitespace(c);
		};
	}

	private static List<String> readBlockList() {
		try (InputStream in = new ClassPathResource("nicknames/blocked-words.txt").getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the nickname block list", ex);
		}
	}

}
