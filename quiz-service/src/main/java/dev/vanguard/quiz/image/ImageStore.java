package dev.vanguard.quiz.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Uploaded images, in PostgreSQL so that every instance serves every image. Keyed by the
 * SHA-256 of the bytes: the same image uploaded twice is stored once, and a URL, once
 * handed out, always means the same bytes (which is what lets them be cached forever).
 */
@Component
public class ImageStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	ImageStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	StoredImage save(byte[] data, ImageKind kind, UUID uploader) {
		String sha256 = sha256(data);
		this.jdbc.sql("""
				insert into quiz_image (sha256, content_type, extension, size, data, uploaded_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict (sha256) do nothing
				""")
			.params(sha256, kind.contentType(), kind.extension(), data.length, data, uploader,
					Timestamp.from(this.clock.instant()))
			.update();
		return new StoredImage(sha256, kind, data);
	}

	Optional<StoredImage> find(String sha256) {
		return this.jdbc.sql("select extension, data from quiz_image where sha256 = ?")
			.param(sha256)
			.query((row, number) -> new StoredImage(sha256,
					ImageKind.ofExtension(row.getString("extension")).orElseThrow(), row.getBytes("data")))
			.optional();
	}

	/** Which of these uploaded images do not exist. */
	public Set<String> missing(Collection<String> hashes) {
		if (hashes.isEmpty()) {
			return Set.of();
		}
		Set<String> missing = new HashSet<>(hashes);
		this.jdbc.sql("select sha256 from quiz_image where sha256 in (:hashes)")
			.param("hashes", Set.copyOf(hashes))
			.query(String.class)
			.list()
			.forEach(missing::remove);
		return missing;
	}

	static String sha256(byte[] data) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	record StoredImage(String sha256, ImageKind kind, byte[] data) {

		String url() {
			return ImageUrls.of(this.sha256, this.kind);
		}

	}

}
