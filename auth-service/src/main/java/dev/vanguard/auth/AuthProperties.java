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
 */
@Validated
@ConfigurationProperties("vanguard.auth")
public record AuthProperties(String signingKey, @DefaultValue List<String> previousPublicKeys,
		@DefaultValue("15m") @NotNull Duration accessTokenTtl, @DefaultValue("7d") @NotNull Duration refreshTokenTtl,
		@DefaultValue( {
				"http://localhost:8080", "http://127.0.0.1:8080" }) @NotEmpty List<String> allowedOrigins,
		@DefaultValue @Valid LoginLimits loginLimits){

	public boolean hasSigningKey() {
		return this.signingKey != null && !this.signingKey.isBlank();
	}

	/** Keeps the private key out of logs and failure reports. */
	@Override
	public String toString() {
		return "AuthProperties[signingKey=" + (hasSigningKey() ? "<set>" : "<none>") + ", previousPublicKeys="
				+ this.previousPublicKeys.size() + ", accessTokenTtl=" + this.accessTokenTtl + ", refreshTokenTtl="
				+ this.refreshTokenTtl + ", allowedOrigins=" + this.allowedOrigins + ", loginLimits=" + this.loginLimits
				+ "]";
	}

	/**
	 * Failed sign-ins tolerated within a sliding window, per account (guessing one
	 * password) and per client address (spraying many accounts).
	 */
	public record LoginLimits(@DefaultValue("15m") @NotNull Duration window,
			@DefaultValue("5") @Positive int perAccount, @DefaultValue("20") @Positive int perAddress) {
	}

}
