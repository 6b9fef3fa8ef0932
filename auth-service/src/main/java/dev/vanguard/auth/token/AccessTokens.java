package dev.vanguard.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.vanguard.auth.AuthProperties;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Issues host access tokens: RS256 JWTs whose claims every other service relies on
 * ({@code iss}, {@code sub}, {@code email}, {@code name}, {@code scope}).
 */
@Component
public class AccessTokens {

	/** The {@code iss} of every host token; resource servers require it. */
	public static final String ISSUER = "vanguard-auth";

	/** The {@code scope} of a host token. */
	public static final String HOST_SCOPE = "host";

	private final JwtEncoder encoder;

	private final SigningKeys keys;

	private final Duration ttl;

	private final Clock clock;

	AccessTokens(JwtEncoder encoder, SigningKeys keys, AuthProperties properties, Clock clock) {
		this.encoder = encoder;
		this.keys = keys;
		this.ttl = properties.accessTokenTtl();
		this.clock = clock;
	}

	public IssuedAccessToken issue(Host host) {
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(host.id().toString())
			.issuedAt(now)
			.expiresAt(now.plus(this.ttl))
			.claim("email", host.email())
			.claim("name", host.displayName())
			.claim("scope", HOST_SCOPE)
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keys.signingKeyId()).type("JWT").build();
		String value = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedAccessToken(value, this.ttl);
	}

	/** Who a token is for. */
	public record Host(UUID id, String email, String displayName) {
	}

	/** A signed token and how long it lives. */
	public record IssuedAccessToken(String value, Duration ttl) {
	}

}
