package dev.vanguard.realtime.socket;

import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.vanguard.realtime.RealtimeProperties;
import dev.vanguard.realtime.connection.Principal;
import dev.vanguard.realtime.protocol.CloseCode;
import dev.vanguard.realtime.store.Admission;
import dev.vanguard.realtime.store.SessionStore;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Decides at the upgrade who may open a socket: a host (auth-service token, scope
 * {@code host}) for the session it hosts, named by {@code ?session=}, or a player
 * (session-service token, scope {@code player}) who joined the token's session and was
 * not kicked. The issuer picks the key set the signature is checked against.
 */
@Component
class Authenticator {

	static final String HOST_ISSUER = "vanguard-auth";

	static final String PLAYER_ISSUER = "vanguard-session";

	private final ReactiveJwtDecoder hostTokens;

	private final ReactiveJwtDecoder playerTokens;

	private final SessionStore store;

	Authenticator(RealtimeProperties properties, SessionStore store) {
		this.hostTokens = decoder(properties.authJwksUri().toString(), HOST_ISSUER, SignatureAlgorithm.RS256);
		// session-service signs with ES256 (P-256 keys) or RS256 (RSA keys made before)
		this.playerTokens = decoder(properties.sessionJwksUri().toString(), PLAYER_ISSUER, SignatureAlgorithm.ES256,
				SignatureAlgorithm.RS256);
		this.store = store;
	}

	Mono<Verdict> admit(String token, String sessionParameter) {
		if (token == null || token.isBlank()) {
			return refuse(CloseCode.UNAUTHORISED);
		}
		String issuer;
		try {
			issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
		}
		catch (ParseException ex) {
			return refuse(CloseCode.UNAUTHORISED);
		}
		if (HOST_ISSUER.equals(issuer)) {
			return this.hostTokens.decode(token)
				.flatMap((jwt) -> admitHost(jwt, sessionParameter))
				.onErrorResume(BadJwtException.class, (ex) -> refuse(CloseCode.UNAUTHORISED));
		}
		if (PLAYER_ISSUER.equals(issuer)) {
			return this.playerTokens.decode(token)
				.flatMap((jwt) -> admitPlayer(jwt, sessionParameter))
				.onErrorResume(BadJwtException.class, (ex) -> refuse(CloseCode.UNAUTHORISED));
		}
		return refuse(CloseCode.UNAUTHORISED);
	}

	private Mono<Verdict> admitHost(Jwt jwt, String sessionParameter) {
		if (!hasScope(jwt, "host")) {
			return refuse(CloseCode.UNAUTHORISED);
		}
		UUID sessionId = uuid(sessionParameter);
		if (sessionId == null) {
			return refuse(CloseCode.BAD_REQUEST);
		}
		String hostId = jwt.getSubject();
		return admitToSession(sessionId, hostId, (admission) -> {
			if (!hostId.equals(admission.hostId())) {
				return new Verdict.Refused(CloseCode.FORBIDDEN);
			}
			return new Verdict.Admitted(new Principal(sessionId, Principal.Role.HOST, UUID.fromString(hostId), null));
		});
	}

	private Mono<Verdict> admitPlayer(Jwt jwt, String sessionParameter) {
		UUID sessionId = uuid(jwt.getClaimAsString("sid"));
		UUID playerId = uuid(jwt.getSubject());
		if (!hasScope(jwt, "player") || sessionId == null || playerId == null) {
			return refuse(CloseCode.UNAUTHORISED);
		}
		if (sessionParameter != null && !sessionParameter.equals(sessionId.toString())) {
			return refuse(CloseCode.FORBIDDEN);
		}
		return admitToSession(sessionId, playerId.toString(), (admission) -> {
			if (admission.kicked()) {
				return new Verdict.Refused(CloseCode.KICKED);
			}
			if (admission.nickname() == null) {
				return new Verdict.Refused(CloseCode.FORBIDDEN);
			}
			return new Verdict.Admitted(
					new Principal(sessionId, Principal.Role.PLAYER, playerId, admission.nickname()));
		});
	}

	/**
	 * Refuses anyone a session that is not there or is over; {@code asMember} decides the
	 * rest.
	 */
	private Mono<Verdict> admitToSession(UUID sessionId, String memberId, Function<Admission, Verdict> asMember) {
		return this.store.admission(sessionId, memberId).map((admission) -> {
			if (!admission.found()) {
				return new Verdict.Refused(CloseCode.UNKNOWN_SESSION);
			}
			if ("ENDED".equals(admission.status())) {
				return new Verdict.Refused(CloseCode.SESSION_OVER);
			}
			return asMember.apply(admission);
		});
	}

	private static boolean hasScope(Jwt jwt, String scope) {
		Object claim = jwt.getClaims().get("scope");
		if (claim instanceof String text) {
			return List.of(text.split(" ")).contains(scope);
		}
		if (claim instanceof Collection<?> scopes) {
			return scopes.contains(scope);
		}
		return false;
	}

	private static @Nullable UUID uuid(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Mono<Verdict> refuse(CloseCode code) {
		return Mono.just(new Verdict.Refused(code));
	}

	private static ReactiveJwtDecoder decoder(String jwksUri, String issuer, SignatureAlgorithm... algorithms) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwksUri)
			.jwsAlgorithms((accepted) -> accepted.addAll(List.of(algorithms)))
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
		return decoder;
	}

}
