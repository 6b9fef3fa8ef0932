package dev.vanguard.quiz.image;

import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats players' browsers all show. The format is read from the first bytes
 * of the file, never from its name or the declared content type, so a renamed file or a
 * script pretending to be an image is refused.
 */
public enum ImageKind {

	PNG("image/png", "png"), JPEG("image/jpeg", "jpg"), WEBP("image/webp", "webp"), GIF("image/gif", "gif");

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private final String contentType;

	private final String extension;

	ImageKind(String contentType, String extension) {
		this.contentType = contentType;
		this.extension = extension;
	}

	public String contentType() {
		return this.contentType;
	}

	public String extension() {
		return this.extension;
	}

	public static Optional<ImageKind> ofExtension(String extension) {
		return Arrays.stream(values()).filter((kind) -> kind.extension.equals(extension)).findFirst();
	}

	/** The format these bytes are in, judged by their magic numbers. */
	public static Optional<ImageKind> sniff(byte[] data) {
		if (startsWith(data, 0, PNG_SIGNATURE)) {
			return Optional.of(PNG);
		}
		if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
			return Optional.of(JPEG);
		}
		if (startsWith(data, 0, ascii("GIF87a")) || startsWith(data, 0, ascii("GIF89a"))) {
			return Optional.of(GIF);
		}
		if (startsWith(data, 0, ascii("RIFF")) && startsWith(data, 8, ascii("WEBP"))) {
			return Optional.of(WEBP);
		}
		return Optional.empty();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

	private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
		if (data.length < offset + prefix.length) {
			return false;
		}
		return Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
	}

}
