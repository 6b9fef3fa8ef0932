package dev.vanguard.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Sign-up form. Length limits here, content rules in {@link PasswordPolicy}. */
record RegisterRequest(
		@NotBlank @Size(max = 254, message = "must be at most 254 characters") @Email(
				regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
				message = "must be an e-mail address like name@example.com") String email,
		@NotBlank @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH,
				message = "must be 10 to 128 characters") String password,
		@NotBlank @Size(max = 50, message = "must be at most 50 characters") @Pattern(regexp = "[^\\p{Cntrl}]*",
				message = "must not contain control characters") String displayName) {

	/** Surrounding blanks are a slip of the keyboard, not part of the value. */
	RegisterRequest {
		email = (email != null) ? email.strip() : null;
		displayName = (displayName != null) ? displayName.strip() : null;
	}

}
