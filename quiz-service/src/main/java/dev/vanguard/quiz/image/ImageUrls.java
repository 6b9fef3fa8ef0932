package dev.vanguard.quiz.image;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two kinds of image a question may show: one uploaded here
 * ({@code /api/quizzes/images/<sha256>.<ext>}, relative so it works behind any gateway
 * host) or an external {@code https} URL.
 */
public final class ImageUrls {

	/** Where uploaded images are served, under the service's prefix. */
	public static final String PATH_PREFIX = "/api/quizzes/images/";

	private static final Pattern OWN = Pattern.compile("^/api/quizzes/images/([0-9a-f]{64})\\.(png|jpg|webp|gif)$");

	private ImageUrls() {
	}

	public static String of(String sha256, ImageKind kind) {
		return PATH_PREFIX + sha256 + "." + kind.extension();
	}

	/** The uploaded image a URL points at, if it points at one of ours. */
	public static Optional<StoredImageRef> own(String url) {
		Matcher matcher = OWN.matcher(url);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		return ImageKind.ofExtension(matcher.group(2)).map((kind) -> new StoredImageRef(matcher.group(1), kind));
	}

	/**
	 * Why a URL cannot be a question image, or empty when it can.
	 */
	public static Optional<String> problemWith(String url) {
		if (url.startsWith("/")) {
			return own(url).isPresent() ? Optional.empty()
					: Optional.of("must be an uploaded image (" + PATH_PREFIX + "<sha256>.<ext>) or an https URL");
		}
		try {
			URI uri = new URI(url);
			if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
				return Optional.of("must be an uploaded image or an https URL");
			}
			if (uri.getHost() == null || uri.getHost().isBlank()) {
				return Optional.of("must name a host");
			}
			if (uri.getRawUserInfo() != null) {
				return Optional.of("must not contain credentials");
			}
			return Optional.empty();
		}
		catch (URISyntaxException ex) {
			return Optional.of("is not a valid URL");
		}
	}

	/** An image stored by this service, as named in its URL. */
	public record StoredImageRef(String sha256, ImageKind kind) {

	}

}
