package dev.vanguard.quiz.image;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.vanguard.quiz.security.HostTokens;
import dev.vanguard.quiz.web.FieldProblem;
import dev.vanguard.quiz.web.InvalidRequestException;
import dev.vanguard.quiz.web.RequestLimits;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Question images: hosts upload them, anyone (players' phones, without a token) loads
 * them. A URL names its content's hash, so responses are cacheable for good.
 */
@RestController
class ImageController {

	private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final ImageStore images;

	private final long maxBytes;

	private final RequestLimits limits;

	private final Counter uploads;

	private final DistributionSummary uploadSizes;

	ImageController(ImageStore images, RequestLimits limits, MeterRegistry meters) {
		this.images = images;
		this.maxBytes = limits.maxImage().toBytes();
		this.limits = limits;
		this.uploads = Counter.builder("quiz.image.uploads").description("Images uploaded").register(meters);
		this.uploadSizes = DistributionSummary.builder("quiz.image.upload.size")
			.baseUnit("bytes")
			.description("Sizes of uploaded images")
			.register(meters);
	}

	@PostMapping(path = "/api/quizzes/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<UploadedImage> upload(@AuthenticationPrincipal Jwt host, @RequestParam("file") MultipartFile file)
			throws IOException {
		if (file.getSize() > this.maxBytes) {
			throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Payload too large",
					this.limits.imageTooLargeDetail());
		}
		if (file.isEmpty()) {
			throw new InvalidRequestException(List.of(FieldProblem.parameter("file", "must not be empty")));
		}
		byte[] data = file.getBytes();
		ImageKind kind = ImageKind.sniff(data).orElseThrow(UnsupportedImageException::new);
		ImageStore.StoredImage stored = this.images.save(data, kind, HostTokens.hostId(host));
		this.uploads.increment();
		this.uploadSizes.record(data.length);
		return ResponseEntity.created(URI.create(stored.url()))
			.body(new UploadedImage(stored.url(), kind.contentType(), data.length, stored.sha256()));
	}

	@GetMapping("/api/quizzes/images/{sha256}.{extension}")
	ResponseEntity<byte[]> image(@PathVariable String sha256, @PathVariable String extension) {
		ImageStore.StoredImage image = this.images.find(sha256)
			.filter((found) -> found.kind().extension().equals(extension))
			.orElseThrow(() -> ProblemException.notFound("There is no image " + sha256 + "." + extension + "."));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(image.kind().contentType()))
			.cacheControl(FOREVER)
			.eTag(image.sha256())
			// An image is never a page: no scripts even if someone opens it directly.
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			.body(image.data());
	}

	/**
	 * Where an upload can be found; {@code url} goes into a question's {@code imageUrl}.
	 */
	record UploadedImage(String url, String contentType, long size, String sha256) {

	}

}
