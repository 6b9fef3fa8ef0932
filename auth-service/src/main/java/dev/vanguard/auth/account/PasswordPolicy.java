package dev.vanguard.auth.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;

/**
 * Refuses passwords that are easy to guess, saying which rule failed. Length is checked
 * first; then the password must not be a well-known one, the e-mail address or its local
 * part, the display name, or one character repeated.
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 10;

	static final int MAX_LENGTH = 128;

	private final Set<String> common;

	private PasswordPolicy(Set<String> common) {
		this.common = common;
	}

	static PasswordPolicy withCommonPasswordsFromClasspath() {
		try (InputStream in = new ClassPathResource("common-passwords.txt").getInputStream()) {
			Set<String> common = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.map((line) -> line.toLowerCase(Locale.ROOT))
				.collect(Collectors.toUnmodifiableSet());
			return new PasswordPolicy(common);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read common-passwords.txt", ex);
		}
	}

	/** The first rule the password breaks, if any. */
	Optional<String> violation(String password, String email, String displayName) {
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH || length > MAX_LENGTH) {
			return Optional.of("must be 10 to 128 characters");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (this.common.contains(lower)) {
			return Optional.of("is one of the most common passwords");
		}
		String emailLower = email.strip().toLowerCase(Locale.ROOT);
		int at = emailLower.indexOf('@');
		if (lower.equals(emailLower) || (at > 0 && lower.equals(emailLower.substring(0, at)))) {
			return Optional.of("must not be your e-mail address");
		}
		if (lower.equals(displayName.strip().toLowerCase(Locale.ROOT))) {
			return Optional.of("must not be your display name");
		}
		if (password.codePoints().distinct().count() == 1) {
			return Optional.of("must not be one character repeated");
		}
		return Optional.empty();
	}

}
