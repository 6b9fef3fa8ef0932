package dev.vanguard.session.results;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.vanguard.session.host.Hosts;

/** The stored results of an ended session, as JSON or as a CSV download. */
@RestController
class ResultsController {

	private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final ResultsService results;

	ResultsController(ResultsService results) {
		this.results = results;
	}

	@GetMapping("/api/sessions/{id}/results")
	ResultsService.Results results(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.results.results(id, Hosts.id(token));
	}

	/**
	 * One row per player and played question, then a summary row per player; players in
	 * rank order.
	 */
	@GetMapping("/api/sessions/{id}/results.csv")
	ResponseEntity<String> csv(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		ResultsService.Results results = this.results.results(id, Hosts.id(token));
		Map<UUID, Map<Integer, ResultsService.Answer>> answers = ResultsService.byPlayer(results.answers());
		Csv csv = new Csv()
			.row(List.of("nickname", "question", "question_text", "answer", "correct", "points", "response_time_ms"));
		for (ResultsService.Standing standing : results.standings()) {
			Map<Integer, ResultsService.Answer> own = answers.getOrDefault(standing.playerId(), Map.of());
			for (ResultsService.QuestionStats question : results.questions()) {
				ResultsService.Answer answer = own.get(question.index());
				csv.row((answer != null)
						? List.of(standing.nickname(), question.index() + 1, question.text(),
								ResultsService.answerText(question, answer), answer.correct(), answer.points(),
								answer.responseMs())
						: List.of(standing.nickname(), question.index() + 1, question.text(), "", false, 0, ""));
			}
		}
		csv.blankLine().row(List.of("nickname", "rank", "total_score", "correct_count"));
		for (ResultsService.Standing standing : results.standings()) {
			csv.row(List.of(standing.nickname(), standing.rank(), standing.totalScore(), standing.correctCount()));
		}
		// whether the results may miss answers: the game's live state was lost
		// while it ran
		csv.blankLine().row(List.of("live_state_lost")).row(List.of(results.liveStateLost()));
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("session-" + id + "-results.csv").build().toString())
			.body(csv.toString());
	}

}
