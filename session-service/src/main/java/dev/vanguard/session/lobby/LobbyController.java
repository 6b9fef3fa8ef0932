package dev.vanguard.session.lobby;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vanguard.session.game.SessionMetrics;
import dev.vanguard.session.game.SessionStateException;
import dev.vanguard.support.ProblemException;

/**
 * The player's side, open to anyone with a PIN: is there a game, and join it. Both are
 * rate-limited per client address, so PINs cannot be walked.
 */
@RestController
@RequestMapping("/api/sessions/pin/{pin}")
class LobbyController {

	private static final Pattern PIN = Pattern.compile("[0-9]{6}");

	/** 16–128 base64url characters: the web app sends 32 random bytes (43 characters). */
	private static final Pattern DEVICE_SECRET = Pattern.compile("[A-Za-z0-9_-]{16,128}");

	private final LobbyAdmission admission;

	private final JoinBatcher joins;

	private final Nicknames nicknames;

	private final RateLimiter rateLimiter;

	private final SessionMetrics metrics;

	LobbyController(LobbyAdmission admission, JoinBatcher joins, Nicknames nicknames, RateLimiter rateLimiter,
			SessionMetrics metrics) {
		this.admission = admission;
		this.joins = joins;
		this.nicknames = nicknames;
		this.rateLimiter = rateLimiter;
		this.metrics = metrics;
	}

	@GetMapping
	PinLookup lookup(@PathVariable String pin, HttpServletRequest request) {
		this.rateLimiter.check("lookup", request.getRemoteAddr());
		return this.admission.lookup(checkPin(pin));
	}

	@PostMapping("/players")
	ResponseEntity<Joined> join(@PathVariable String pin, @RequestBody JoinRequest body, HttpServletRequest request) {
		try {
			this.rateLimiter.check("join", request.getRemoteAddr());
			// with friendly nicknames the server names the player: a typed name may
			// be absent
			String nickname = (body.nickname() != null) ? this.nicknames.clean(body.nickname()) : null;
			if (body.deviceSecret() == null || !DEVICE_SECRET.matcher(body.deviceSecret()).matches()) {
				throw ProblemException.invalid("deviceSecret",
						"must be 16 to 128 characters of A-Z, a-z, 0-9, _ and -");
			}
			Joined joined = this.joins.join(checkPin(pin),
					new LobbyAdmission.Joining(nickname, body.deviceSecret(), body.pattern(), request.getRemoteAddr()));
			return ResponseEntity.status(HttpStatus.CREATED).body(joined);
		}
		catch (ProblemException ex) {
			this.metrics.joinRefused(ex.typeSlug());
			throw ex;
		}
		catch (SessionStateException ex) {
			this.metrics.joinRefused(ex.reason().tag());
			throw ex;
		}
	}

	private static String checkPin(String pin) {
		if (!PIN.matcher(pin).matches()) {
			throw ProblemException.invalid("pin", "must be 6 digits");
		}
		return pin;
	}

	/**
	 * @param deviceSecret a random string the player app keeps for the session: a kicked
	 * device is recognised by it
	 * @param pattern with two-step join, the shapes shown on the host's screen, in order
	 */
	record JoinRequest(String nickname, String deviceSecret, List<String> pattern) {
	}

}
