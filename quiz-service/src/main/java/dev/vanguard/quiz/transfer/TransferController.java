package dev.vanguard.quiz.transfer;

import java.net.URI;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import dev.vanguard.quiz.library.QuizContent;
import dev.vanguard.quiz.library.QuizService;
import dev.vanguard.quiz.library.QuizView;
import dev.vanguard.quiz.security.HostTokens;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Quizzes as files: export one, import one into the signed-in host's library. */
@RestController
class TransferController {

	private final QuizService quizzes;

	private final QuizFiles files;

	private final Clock clock;

	TransferController(QuizService quizzes, QuizFiles files, Clock clock) {
		this.quizzes = quizzes;
		this.files = files;
		this.clock = clock;
	}

	@GetMapping("/api/quizzes/{id}/export")
	ResponseEntity<QuizFile> export(@AuthenticationPrincipal Jwt host, @PathVariable UUID id) {
		QuizContent content = this.quizzes.content(HostTokens.hostId(host), id);
		ContentDisposition disposition = ContentDisposition.attachment()
			.filename(slug(content.title()) + ".vanguard-quiz.json")
			.build();
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.body(QuizFile.of(content, this.clock.instant()));
	}

	/** Imports all of the file or, when anything in it is wrong, nothing. */
	@PostMapping(path = "/api/quizzes/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<QuizView> importQuiz(@AuthenticationPrincipal Jwt host,
			@RequestBody @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(schema = @Schema(implementation = QuizFile.class))) JsonNode file) {
		QuizView imported = this.quizzes.create(HostTokens.hostId(host), this.files.read(file));
		return ResponseEntity.created(URI.create("/api/quizzes/" + imported.id())).body(imported);
	}

	private static String slug(String title) {
		String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
		if (slug.length() > 60) {
			slug = slug.substring(0, 60).replaceAll("-+$", "");
		}
		return slug.isEmpty() ? "quiz" : slug;
	}

}
