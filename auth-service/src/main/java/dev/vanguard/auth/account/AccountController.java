package dev.vanguard.auth.account;

import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "accounts", description = "Host accounts")
class AccountController {

	private final AccountService accounts;

	private final RegistrationThrottle throttle;

	AccountController(AccountService accounts, RegistrationThrottle throttle) {
		this.accounts = accounts;
		this.throttle = throttle;
	}

	@PostMapping("/register")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a host account",
			description = "E-mail (unique, ignoring case), password of 10 to 128 characters that is not a common "
					+ "one, display name of 1 to 50 characters.")
	@ApiResponse(responseCode = "201", description = "Account created")
	@ApiResponse(responseCode = "400",
			description = "Validation failed (type .../validation), weak password (.../weak-password) "
					+ "or malformed JSON (.../malformed-request)")
	@ApiResponse(responseCode = "409", description = "E-mail already registered (type .../email-taken)")
	@ApiResponse(responseCode = "429", description = "Too many registrations from this address (.../too-many-attempts)")
	AccountView register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
		this.throttle.take(http.getRemoteAddr());
		return this.accounts.register(request);
	}

	@GetMapping("/me")
	@Operation(summary = "The signed-in host", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "The account the access token was issued for")
	@ApiResponse(responseCode = "401", description = "No, an invalid or an expired access token")
	@ApiResponse(responseCode = "403", description = "The token is not a host token")
	AccountView me(@AuthenticationPrincipal Jwt jwt) {
		return parseId(jwt.getSubject()).flatMap(this.accounts::find).orElseThrow(AccountGoneException::new);
	}

	private static Optional<UUID> parseId(String subject) {
		try {
			return Optional.of(UUID.fromString(subject));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return Optional.empty();
		}
	}

}
