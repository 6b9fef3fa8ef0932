package dev.vanguard.session.lobby;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import dev.vanguard.contracts.AnswerText;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * The nickname rules: trimmed, runs of spaces as one, 1–{@value #MAX_LENGTH} characters
 * (code points, so an emoji counts once), something visible in it, no control, invisible
 * or blank-looking characters, and nothing from the block list. Two nicknames are the
 * same when their {@link #key keys} are: case and look-alike characters folded together.
 */
@Component
public class Nicknames {

	static final int MAX_LENGTH = 20;

	private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

	private static final Pattern NOT_A_LETTER = Pattern.compile("[^\\p{L}]+");

	private static final int ZERO_WIDTH_JOINER = 0x200D;

	private static final int EMOJI_PRESENTATION = 0xFE0F;

	/**
	 * Characters that are letters or symbols to Unicode but draw nothing: the Hangul
	 * fillers, the blank Braille pattern and the Khmer inherent vowels. A name of them
	 * looks empty; inside a name they make a look-alike of another.
	 */
	private static final Set<Integer> BLANK_LOOKING = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x17B4, 0x17B5);

	private static final Normalizer2 CASE_FOLD = Normalizer2.getNFKCCasefoldInstance();

	private final SpoofChecker confusables = new SpoofChecker.Builder().build();

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
	 * @throws ProblemException 400 when malformed, 422 when blocked
	 */
	public String clean(String raw) {
		if (raw == null) {
			throw ProblemException.invalid("nickname", "must not be blank");
		}
		String nickname = SPACES.matcher(raw).replaceAll(" ").strip();
		if (nickname.isEmpty()) {
			throw ProblemException.invalid("nickname", "must not be blank");
		}
		if (hasInvisible(nickname)) {
			throw ProblemException.invalid("nickname", "must not contain control or invisible characters");
		}
		if (nickname.codePoints().noneMatch(Nicknames::isVisible)) {
			throw ProblemException.invalid("nickname", "must contain a visible character");
		}
		if (nickname.codePointCount(0, nickname.length()) > MAX_LENGTH) {
			throw ProblemException.invalid("nickname", "must be at most " + MAX_LENGTH + " characters");
		}
		if (isBlocked(nickname)) {
			throw new ProblemException(ProblemType.NICKNAME_REJECTED, "Nickname not allowed",
					"This nickname is not allowed; please pick another one.");
		}
		return nickname;
	}

	/**
	 * What two nicknames are compared by: NFKC with case folding (so {@code ＡＮＮ} is
	 * {@code ann}), then the UTS #39 confusable skeleton (so Cyrillic {@code Аnn} is
	 * {@code ann} too).
	 */
	public String key(String nickname) {
		return this.confusables.getSkeleton(CASE_FOLD.normalize(nickname));
	}

	public boolean isBlocked(String nickname) {
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

	/**
	 * Control, format, private-use and blank-looking characters. The zero-width joiner is
	 * allowed only where it builds an emoji sequence (between two pictographs), not
	 * between letters, where it only makes a look-alike.
	 */
	private static boolean hasInvisible(String nickname) {
		int[] chars = nickname.codePoints().toArray();
		for (int i = 0; i < chars.length; i++) {
			if (chars[i] == ZERO_WIDTH_JOINER) {
				if (!joinsEmoji(chars, i)) {
					return true;
				}
			}
			else if (isInvisible(chars[i])) {
				return true;
			}
		}
		return false;
	}

	private static boolean joinsEmoji(int[] chars, int joiner) {
		if (joiner == 0 || joiner == chars.length - 1 || !Character.isExtendedPictographic(chars[joiner + 1])) {
			return false;
		}
		int before = chars[joiner - 1];
		return Character.isExtendedPictographic(before) || Character.isEmojiModifier(before)
				|| before == EMOJI_PRESENTATION;
	}

	private static boolean isInvisible(int c) {
		if (BLANK_LOOKING.contains(c)) {
			return true;
		}
		return switch (Character.getType(c)) {
			case Character.CONTROL, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE,
					Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
				true;
			case Character.FORMAT -> true;
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
