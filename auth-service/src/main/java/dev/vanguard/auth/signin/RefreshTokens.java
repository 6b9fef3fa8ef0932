package dev.vanguard.auth.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.vanguard.auth.AuthProperties;
import dev.vanguard.auth.signin.RefreshTokenRejectedException.Reason;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque refresh tokens: 32 random bytes, handed out once, stored only as SHA-256, and
 * rotated on every use. Presenting a token that was already rotated means it was copied,
 * so the whole family (every token of that sign-in) is revoked.
 */
@Service
class RefreshTokens {

	static final int TOKEN_BYTES = 32;

	// 32 bytes in unpadded base64url; anything else is not one of ours.
	private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final SecureRandom random = new SecureRandom();

	private final RefreshTokenRepository tokens;

	private final RefreshTokenFamilyRepository families;

	private final Duration ttl;

	private final Clock clock;

	RefreshTokens(RefreshTokenRepository tokens, RefreshTokenFamilyRepository families, AuthProperties properties,
			Clock clock) {
		this.tokens = tokens;
		this.families = families;
		this.ttl = properties.refreshTokenTtl();
		this.clock = clock;
	}

	/** Starts a family for a fresh sign-in and returns its first token. */
	@Transactional
	String open(UUID accountId) {
		Instant now = now();
		RefreshTokenFamily family = this.families.save(new RefreshTokenFamily(accountId, now));
		return issue(family.id(), now);
	}

	/**
	 * Spends the presented token and returns its successor. The commit also keeps a
	 * revocation made on the way out (replay), hence no rollback for the refusal.
	 */
	@Transactional(noRollbackFor = RefreshTokenRejectedException.class)
	Rotation rotate(String presented) {
		if (presented == null || presented.isEmpty()) {
			throw new RefreshTokenRejectedException(Reason.MISSING);
		}
		if (!TOKEN_SHAPE.matcher(presented).matches()) {
			throw new RefreshTokenRejectedException(Reason.UNKNOWN);
		}
		Instant now = now();
		RefreshToken token = this.tokens.findByTokenHashForUpdate(hash(presented))
			.orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
		RefreshTokenFamily family = this.families.findByIdForUpdate(token.familyId())
			.orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
		if (family.isRevoked()) {
			throw new RefreshTokenRejectedException(Reason.REVOKED);
		}
		if (token.isUsed()) {
			family.revoke(now);
			throw new RefreshTokenRejectedException(Reason.REUSED);
		}
		if (token.isExpired(now)) {
			throw new RefreshTokenRejectedException(Reason.EXPIRED);
		}
		token.markUsed(now);
		return new Rotation(family.accountId(), issue(family.id(), now));
	}

	/** Revokes the family of the presented token, whatever state the token is in. */
	@Transactional
	void revokeFamilyOf(String presented) {
		if (presented == null || !TOKEN_SHAPE.matcher(presented).matches()) {
			return;
		}
		this.tokens.findByTokenHash(hash(presented))
			.flatMap((token) -> this.families.findByIdForUpdate(token.familyId()))
			.ifPresent((family) -> family.revoke(now()));
	}

	/** Revokes every family of the account: each of its sign-ins, on every device. */
	@Transactional
	int revokeEveryFamilyOf(UUID accountId) {
		return this.families.revokeAllOf(accountId, now());
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	private String issue(UUID familyId, Instant now) {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.tokens.save(new RefreshToken(familyId, hash(token), now, now.plus(this.ttl)));
		return token;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** The account a rotated token belongs to, and the token that replaces it. */
	record Rotation(UUID accountId, String refreshToken) {
	}

}
