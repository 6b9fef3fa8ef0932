package dev.vanguard.quiz;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

@QuizIntegrationTest
class QuizMetricsIntegrationTests {

	@Autowired
	RestTestClient client;

	@Test
	void publishesLibraryAndImageMetricsForPrometheus() {
		Api api = new Api(this.client);
		UUID host = UUID.randomUUID();
		String id = api.create(host, Quizzes.everyType("Measured")).get("id").stringValue();
		api.read(host, id);
		Map<String, Object> revision = Quizzes.everyType("Measured again");
		revision.put("version", 0);
		api.put(host, "/api/quizzes/" + id, revision).expectStatus().isOk();
		api.get(host, "/api/quizzes").expectStatus().isOk();
		api.delete(host, "/api/quizzes/" + id).expectStatus().isNoContent();
		upload(host);

		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(scrape).contains("quiz_creations_total{", "quiz_updates_total{", "quiz_deletes_total{",
				"quiz_fetches_total{", "quiz_listing_requests_total{", "quiz_image_uploads_total{",
				"quiz_image_upload_size_bytes_count{", "quiz_image_upload_size_bytes_sum{");
	}

	private void upload(UUID host) {
		byte[] gif = ("GIF89a" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(ContentDisposition.formData().name("file").filename("a.gif").build());
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new HttpEntity<>(new ByteArrayResource(gif), headers));
		this.client.post()
			.uri("/api/quizzes/images")
			.header(HttpHeaders.AUTHORIZATION, Api.bearer(host))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.exchange()
			.expectStatus()
			.isCreated();
	}

}
