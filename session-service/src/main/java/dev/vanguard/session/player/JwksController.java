package dev.vanguard.session.player;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the key that verifies player tokens, for realtime-service. */
@RestController
class JwksController {

	private final PlayerTokens tokens;

	JwksController(PlayerTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/api/sessions/.well-known/jwks.json")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(this.tokens.publicKeys().toJSONObject());
	}

}
