package dev.vanguard.auth;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of auth-service ({@code vanguard.auth.*}).
 *
 * @param signingKey PKCS#8 PEM RSA private key that signs access tokens (env
 * {@code VANGUARD_AUTH_SIGNING_KEY}); blank means "generate a throwaway key at startup",
 * which only suits a single local instance
 * @param previousPublicKeys X.509 PEM public keys of retired signing keys, still
 * published in the JWKS so that tokens they signed stay valid until they expire (key
 * rotation)
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of a refresh token; every rotation starts a new one
 * @param allowedOrigins origins whose pages may call the cookie endpoints (refresh,
 * logout); anything else is a cross-site request and refused
 * @param loginLimits how many failed sign-ins are tolerated before 429
 * @param registrationLimits how many registrations one address may make
 * @param hashing how many password hashes may run at once
 */
@Validated
@ConfigurationProperties("vanguard.auth")
public record AuthProperties(String signingKey, @DefaultValue List<String> previousPublicKeys,
		@DefaultValue("15m") @NotNull Duration accessTokenTtl, @DefaultValue("7d") @NotNull Duration refreshTokenTtl,
		@DefaultValue( {
				"http://localhost:8080", "http://127.0.0.1:8080" }) @NotEmpty List<String> allowedOrigins,
		@DefaultValue @Valid LoginLimits loginLimits, @DefaultValue @Valid RegistrationLimits registrationLimits,
		@DefaultValue @Valid Hashing hashing){

	public boolean hasSigningKey() {
		return this.signingKey != null && !this.signingKey.isBlank();
	}

	/** Keeps the private key out of logs and failure reports. */
	@Override
	public String toString() {
		return "AuthProperties[signingKey=" + (hasSigningKey() ? "<set>" : "<none>") + ", previousPublicKeys="
				+ this.previousPublicKeys.size() + ", accessTokenTtl=" + this.accessTokenTtl + ", refreshTokenTtl="
				+ this.refreshTokenTtl + ", allowedOrigins=" + this.allowedOrigins + ", loginLimits=" + this.loginLimits
				+ ", registrationLimits=" + this.registrationLimits + ", hashing=" + this.hashing + "]";
	}

	/**
	 * Failed sign-ins tolerated within a sliding window. Per account and address together
	 * (someone guessing one password from one place: the owner elsewhere is not locked
	 * out), per address (spraying many accounts), and per account from everywhere
	 * (guessing from many addresses): past {@code slowAccountAfter} failures, the account
	 * takes one attempt per {@code accountSlowdown}, a delay and never a lock-out.
	 */
	public record LoginLimits(@DefaultValue("15m") @NotNull Duration window,
			@DefaultValue("5") @Positive int perAccountAndAddress, @DefaultValue("20") @Positive int perAddress,
			@DefaultValue("10") @Positive int slowAccountAfter, @DefaultValue("5s") @NotNull Duration accountSlowdown) {
	}

	/** Registrations one client address may make within a sliding window. */
	public record RegistrationLimits(@DefaultValue("10m") @NotNull Duration window,
			@DefaultValue("30") @Positive int perAddress) {
	}

	/**
	 * Password hashes (Argon2id, 16 MiB each) running at once; a request waits up to
	 * {@code maxWait} for its turn, then gets 503, so a burst of sign-ins cannot exhaust
	 * the heap.
	 */
	public record Hashing(@DefaultValue("4") @Positive int maxConcurrent,
			@DefaultValue("5s") @NotNull Duration maxWait) {
	}

}
