package dev.vanguard.auth.token;

import java.time.Duration;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the public keys that verify host access tokens. */
@RestController
@Tag(name = "keys", description = "Public keys for verifying host access tokens")
class JwksController {

	// Short enough that a newly rotated key reaches every resource server quickly; they
	// also refetch on an unknown kid.
	private static final Duration CACHE_FOR = Duration.ofMinutes(5);

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping("/.well-known/jwks.json")
	@Operation(summary = "JSON Web Key Set of the RS256 keys that sign host access tokens")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(CACHE_FOR).cachePublic())
			.body(this.keys.publicKeys().toJSONObject(true));
	}

}
