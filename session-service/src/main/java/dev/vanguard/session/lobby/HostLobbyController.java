package dev.vanguard.session.lobby;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vanguard.session.game.Views;
import dev.vanguard.session.host.Hosts;

/**
 * The host's side of the lobby: remove players, ban nicknames, lock, cap, two-step join.
 */
@RestController
@RequestMapping("/api/sessions")
class HostLobbyController {

	private final LobbyControls controls;

	private final Nicknames nicknames;

	HostLobbyController(LobbyControls controls, Nicknames nicknames) {
		this.controls = controls;
		this.nicknames = nicknames;
	}

	@DeleteMapping("/{id}/players/{playerId}")
	ResponseEntity<Void> kick(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @PathVariable UUID playerId,
			@RequestParam(defaultValue = "false") boolean banNickname) {
		this.controls.kick(id, Hosts.id(token), playerId, banNickname);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/{id}/lobby")
	Views.Lobby configureLobby(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@Valid @RequestBody LobbyRequest request) {
		return this.controls.configureLobby(id, Hosts.id(token), Boolean.TRUE.equals(request.locked()),
				request.maxPlayers(), Boolean.TRUE.equals(request.twoStepJoin()),
				Boolean.TRUE.equals(request.friendlyNicknames()));
	}

	/**
	 * The whole lobby state: a missing switch is off, a missing cap is no cap.
	 *
	 * @param maxPlayers the cap, or null for none
	 */
	record LobbyRequest(Boolean locked, @Min(1) @Max(100_000) Integer maxPlayers, Boolean twoStepJoin,
			Boolean friendlyNicknames) {
	}

	@PostMapping("/{id}/banned-nicknames")
	ResponseEntity<Void> banNickname(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
			@RequestBody BanRequest request) {
		this.controls.banNickname(id, Hosts.id(token), this.nicknames.clean(request.nickname()));
		return ResponseEntity.noContent().build();
	}

	record BanRequest(String nickname) {
	}

}
