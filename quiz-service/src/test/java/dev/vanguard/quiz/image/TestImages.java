package dev.vanguard.quiz.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files that start like real images (which is all the service looks at), padded with
 * random bytes so that every call gives a new image with a new hash.
 */
final class TestImages {

	private TestImages() {
	}

	static byte[] png(int size) {
		return withPrefix(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, size);
	}

	static byte[] jpeg(int size) {
		return withPrefix(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }, size);
	}

	static byte[] gif(int size) {
		return withPrefix("GIF89a".getBytes(StandardCharsets.US_ASCII), size);
	}

	static byte[] webp(int size) {
		byte[] header = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);
		return withPrefix(header, size);
	}

	private static byte[] withPrefix(byte[] prefix, int size) {
		byte[] data = new byte[size];
		ThreadLocalRandom.current().nextBytes(data);
		System.arraycopy(prefix, 0, data, 0, prefix.length);
		return Arrays.copyOf(data, size);
	}

}
