package dev.vanguard.quiz.image;

import java.util.UUID;

import dev.vanguard.quiz.Api;
import dev.vanguard.quiz.QuizIntegrationTest;
import dev.vanguard.quiz.Quizzes;
import dev.vanguard.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

@QuizIntegrationTest
class ImageIntegrationTests {

	private static final int TWO_MIB = 2 * 1024 * 1024;

	@Autowired
	RestTestClient client;

	final UUID host = UUID.randomUUID();

	@Test
	void storesEachFormatJudgedByContentAndServesItToAnyoneWithLongCacheHeaders() {
		byte[][] images = { TestImages.png(2000), TestImages.jpeg(2000), TestImages.webp(2000), TestImages.gif(2000) };
		String[] types = { "image/png", "image/jpeg", "image/webp", "image/gif" };
		String[] extensions = { "png", "jpg", "webp", "gif" };
		for (int i = 0; i < images.length; i++) {
			// The name and declared type lie; the bytes decide.
			JsonNode uploaded = Api
				.json(upload(TestTokens.host(this.host), images[i], "notes.txt", MediaType.TEXT_PLAIN).expectStatus()
					.isCreated());
			String sha256 = ImageStore.sha256(images[i]);
			assertThat(uploaded.get("url").stringValue())
				.isEqualTo("/api/quizzes/images/" + sha256 + "." + extensions[i]);
			assertThat(uploaded.get("contentType").stringValue()).isEqualTo(types[i]);
			assertThat(uploaded.get("size").intValue()).isEqualTo(2000);
			byte[] served = this.client.get()
				.uri(uploaded.get("url").stringValue())
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentType(types[i])
				.expectHeader()
				.cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofDays(365))
					.cachePublic()
					.immutable())
				.expectHeader()
				.valueEquals(HttpHeaders.ETAG, "\"" + sha256 + "\"")
				.expectBody(byte[].class)
				.returnResult()
				.getResponseBody();
			assertThat(served).isEqualTo(images[i]);
		}
	}

	@Test
	void answersNotModifiedWhenTheBrowserHasIt() {
		byte[] image = TestImages.png(500);
		String url = Api
			.json(upload(TestTokens.host(this.host), image, "a.png", MediaType.IMAGE_PNG).expectStatus().isCreated())
			.get("url")
			.stringValue();
		this.client.get()
			.uri(url)
			.ifNoneMatch("\"" + ImageStore.sha256(image) + "\"")
			.exchange()
			.expectStatus()
			.isNotModified();
	}

	@Test
	void storesTheSameImageOnce() {
		byte[] image = TestImages.gif(300);
		String first = Api
			.json(upload(TestTokens.host(this.host), image, "a.gif", MediaType.IMAGE_GIF).expectStatus().isCreated())
			.get("url")
			.stringValue();
		String second = Api
			.json(upload(TestTokens.host(UUID.randomUUID()), image, "b.gif", MediaType.IMAGE_GIF).expectStatus()
				.isCreated())
			.get("url")
			.stringValue();
		assertThat(second).isEqualTo(first);
	}

	@Test
	void uploadedImageCanIllustrateAQuestion() {
		String url = Api
			.json(upload(TestTokens.host(this.host), TestImages.webp(700), "q.webp",
					MediaType.parseMediaType("image/webp"))
				.expectStatus()
				.isCreated())
			.get("url")
			.stringValue();
		var quiz = Quizzes.everyType("Illustrated");
		Quizzes.questions(quiz).get(0).put("imageUrl", url);
		JsonNode created = new Api(this.client).create(this.host, quiz);
		assertThat(created.get("questions").get(0).get("imageUrl").stringValue()).isEqualTo(url);
	}

	@Test
	void refusesBytesThatAreNotAnImageWhateverTheyClaim() {
		byte[] script = "<script>alert('hi')</script>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		Api.problem(upload(TestTokens.host(this.host), script, "cat.png", MediaType.IMAGE_PNG), 415,
				"unsupported-media-type");
	}

	@Test
	void acceptsAnImageOfExactlyTwoMebibytes() {
		upload(TestTokens.host(this.host), TestImages.png(TWO_MIB), "big.png", MediaType.IMAGE_PNG).expectStatus()
			.isCreated();
	}

	@Test
	void refusesAnImageOverTwoMebibytes() {
		JsonNode problem = Api.problem(
				upload(TestTokens.host(this.host), TestImages.png(TWO_MIB + 1), "huge.png", MediaType.IMAGE_PNG), 413,
				"payload-too-large");
		assertThat(problem.get("detail").stringValue()).contains("2 MiB");
	}

	@Test
	void refusesEmptyFileAndMissingPart() {
		Api.problem(upload(TestTokens.host(this.host), new byte[0], "empty.png", MediaType.IMAGE_PNG), 400,
				"validation");
		ResponseSpec response = this.client.post()
			.uri("/api/quizzes/images")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.host(this.host))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(part("picture", TestImages.png(10), "x.png", MediaType.IMAGE_PNG))
			.exchange();
		assertThat(Api.problem(response, 400, "malformed-request").get("detail").stringValue()).contains("file");
	}

	@Test
	void refusesUploadThatIsNotMultipart() {
		Api.problem(this.client.post()
			.uri("/api/quizzes/images")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.host(this.host))
			.contentType(MediaType.IMAGE_PNG)
			.body(TestImages.png(10))
			.exchange(), 415, "unsupported-media-type");
	}

	@Test
	void refusesUploadWithoutHostToken() {
		Api.problem(upload(null, TestImages.png(10), "a.png", MediaType.IMAGE_PNG), 401, "unauthorized");
		Api.problem(upload(TestTokens.playerSignedByAuth(UUID.randomUUID()), TestImages.png(10), "a.png",
				MediaType.IMAGE_PNG), 401, "unauthorized");
	}

	@Test
	void unknownImageIsNotFound() {
		String sha256 = ImageStore.sha256(TestImages.png(10));
		Api.problem(this.client.get().uri("/api/quizzes/images/" + sha256 + ".png").exchange(), 404, "not-found");
		byte[] image = TestImages.png(10);
		upload(TestTokens.host(this.host), image, "a.png", MediaType.IMAGE_PNG).expectStatus().isCreated();
		Api.problem(this.client.get().uri("/api/quizzes/images/" + ImageStore.sha256(image) + ".gif").exchange(), 404,
				"not-found");
	}

	private ResponseSpec upload(String token, byte[] data, String filename, MediaType declared) {
		var request = this.client.post().uri("/api/quizzes/images").contentType(MediaType.MULTIPART_FORM_DATA);
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.body(part("file", data, filename, declared)).exchange();
	}

	private static MultiValueMap<String, Object> part(String name, byte[] data, String filename, MediaType declared) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(declared);
		headers.setContentDisposition(ContentDisposition.formData().name(name).filename(filename).build());
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add(name, new HttpEntity<>(new ByteArrayResource(data), headers));
		return parts;
	}

}
