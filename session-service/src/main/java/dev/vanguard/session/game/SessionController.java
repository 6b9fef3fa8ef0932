package dev.vanguard.session.game;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vanguard.session.host.Hosts;

/**
 * The host's side: open sessions, drive them, look back. Removing players and the lobby's
 * switches are the lobby's ({@code HostLobbyController}).
 */
@RestController
@RequestMapping("/api/sessions")
class SessionController {

	private final SessionOpening opening;

	private final GameService game;

	private final SessionQueries queries;

	SessionController(SessionOpening opening, GameService game, SessionQueries queries) {
		this.opening = opening;
		this.game = game;
		this.queries = queries;
	}

	@PostMapping
	ResponseEntity<Views.SessionCreated> create(@AuthenticationPrincipal Jwt token,
			@Valid @RequestBody CreateSessionRequest request) {
		Views.SessionCreated created = this.opening.create(Hosts.id(token), token.getTokenValue(), request.quizId(),
				request.toSettings());
		return ResponseEntity.created(URI.create("/api/sessions/" + created.id())).body(created);
	}

	@GetMapping
	Views.PageView<Views.SessionSummary> list(@AuthenticationPrincipal Jwt token,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.queries.list(Hosts.id(token), page, size);
	}

	@GetMapping("/{id}")
	Views.SessionDetails details(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.game.details(id, Hosts.id(token));
	}

	@PostMapping("/{id}/start")
	Views.SessionState start(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.game.start(id, Hosts.id(token));
	}

	@PostMapping("/{id}/reveal")
	Views.SessionState reveal(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.game.reveal(id, Hosts.id(token));
	}

	@PostMapping("/{id}/next")
	Views.SessionState next(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.game.next(id, Hosts.id(token));
	}

	@PostMapping("/{id}/skip")
	Views.SessionState skip(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.game.skip(id, Hosts.id(token));
	}

	@PostMapping("/{id}/end")
	Views.SessionState end(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
		return this.game.end(id, Hosts.id(token));
	}

	/**
	 * @param settings optional; each missing setting takes its default
	 */
	record CreateSessionRequest(@NotNull UUID quizId, SettingsRequest settings) {

		Settings toSettings() {
			return (this.settings != null) ? this.settings.toSettings()
					: new SettingsRequest(null, null, null).toSettings();
		}

	}

	/** Defaults: options in the quiz's order, late join allowed, host-driven. */
	record SettingsRequest(Boolean randomiseOptions, Boolean lateJoin, Boolean autoAdvance) {

		Settings toSettings() {
			return new Settings(Boolean.TRUE.equals(this.randomiseOptions), !Boolean.FALSE.equals(this.lateJoin),
					Boolean.TRUE.equals(this.autoAdvance));
		}

	}

}
