package dev.vanguard.auth.signin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Sign-in form. Only presence and size are checked: whether the e-mail looks right is
 * none of the caller's business here, a wrong one simply does not sign in.
 */
record LoginRequest(@NotBlank @Size(max = 254, message = "must be at most 254 characters") String email,
		@NotBlank @Size(max = 128, message = "must be at most 128 characters") String password) {
}
