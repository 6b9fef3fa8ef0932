package dev.vanguard.quiz.library;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.vanguard.quiz.security.AnswerKeyGrants;
import dev.vanguard.quiz.security.HostTokens;
import dev.vanguard.quiz.web.FieldPath;
import dev.vanguard.quiz.web.FieldProblem;
import dev.vanguard.quiz.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The library over HTTP. Bodies are read as JSON trees so that every problem in a quiz is
 * reported at once (see {@link QuizDocumentReader}); the request schema for the docs is
 * {@link QuizRequest}.
 */
@RestController
@RequestMapping("/api/quizzes")
class QuizController {

	static final int MAX_PAGE_SIZE = 100;

	private static final int MAX_QUERY_LENGTH = 200;

	private final QuizService quizzes;

	private final QuizDocuments documents;

	private final AnswerKeyGrants grants;

	QuizController(QuizService quizzes, QuizDocuments documents, AnswerKeyGrants grants) {
		this.quizzes = quizzes;
		this.documents = documents;
		this.grants = grants;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<QuizView> create(@AuthenticationPrincipal Jwt host,
			@RequestBody @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(schema = @Schema(implementation = QuizRequest.class))) JsonNode body) {
		QuizContent content = read(body, new ArrayList<>());
		QuizView created = this.quizzes.create(HostTokens.hostId(host), content);
		return ResponseEntity.created(location(created)).body(created);
	}

	@GetMapping("/{id}")
	QuizView get(@AuthenticationPrincipal Jwt host, @PathVariable UUID id,
			@RequestHeader(name = AnswerKeyGrants.HEADER, required = false) String answerKeyGrant) {
		UUID hostId = HostTokens.hostId(host);
		return this.quizzes.get(hostId, id, this.grants.allows(answerKeyGrant, hostId, id));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	QuizView update(@AuthenticationPrincipal Jwt host, @PathVariable UUID id,
			@RequestBody @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(schema = @Schema(implementation = QuizRequest.class))) JsonNode body) {
		List<FieldProblem> problems = new ArrayList<>();
		JsonNode version = body.isObject() ? body.get("version") : null;
		if (version == null || !version.isIntegralNumber() || !version.canConvertToLong()) {
			problems.add(FieldProblem.at(FieldPath.of("version"),
					"is required: send the version you loaded, so that concurrent edits are caught"));
		}
		QuizContent content = read(body, problems);
		return this.quizzes.update(HostTokens.hostId(host), id, version.longValue(), content);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt host, @PathVariable UUID id) {
		this.quizzes.delete(HostTokens.hostId(host), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/copy")
	ResponseEntity<QuizView> copy(@AuthenticationPrincipal Jwt host, @PathVariable UUID id) {
		QuizView copy = this.quizzes.copy(HostTokens.hostId(host), id);
		return ResponseEntity.created(location(copy)).body(copy);
	}

	/**
	 * The host's library and the public catalogue. {@code mine} alone: the host's own
	 * quizzes; {@code public} alone: everyone's public ones; neither or both: the union.
	 * A page size over {@value #MAX_PAGE_SIZE} is refused rather than silently cut, so a
	 * client never mistakes a short page for the end.
	 */
	@GetMapping
	QuizPage list(@AuthenticationPrincipal Jwt host, @RequestParam(defaultValue = "false") boolean mine,
			@RequestParam(name = "public", defaultValue = "false") boolean publicOnly,
			@RequestParam(name = "q", required = false) String text,
			@RequestParam(name = "tag", required = false) List<String> tags, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		List<FieldProblem> problems = new ArrayList<>();
		if (page < 0) {
			problems.add(FieldProblem.parameter("page", "must be 0 or more"));
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			problems.add(FieldProblem.parameter("size", "must be between 1 and " + MAX_PAGE_SIZE));
		}
		if (text != null && text.length() > MAX_QUERY_LENGTH) {
			problems.add(FieldProblem.parameter("q", "must be at most " + MAX_QUERY_LENGTH + " characters"));
		}
		List<String> wanted = (tags != null) ? tags.stream()
			.map((tag) -> tag.strip().toLowerCase(Locale.ROOT))
			.filter((tag) -> !tag.isEmpty())
			.toList() : List.of();
		if (wanted.size() > QuizLimits.TAGS_MAX) {
			problems.add(FieldProblem.parameter("tag", "at most " + QuizLimits.TAGS_MAX + " tags"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return this.quizzes.list(HostTokens.hostId(host),
				new QuizSearch.Query(mine, publicOnly, text, wanted, page, size));
	}

	private QuizContent read(JsonNode body, List<FieldProblem> problems) {
		QuizDocumentReader.Result result = this.documents.read(body, FieldPath.root());
		problems.addAll(result.problems());
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return result.content();
	}

	private static URI location(QuizView quiz) {
		return URI.create("/api/quizzes/" + quiz.id());
	}

}
