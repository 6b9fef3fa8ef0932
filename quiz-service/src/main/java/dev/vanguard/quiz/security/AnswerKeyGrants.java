package dev.vanguard.quiz.security;

import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * session-service's word that it is opening a session of a quiz for a host: a JWT signed
 * with session-service's key (checked against its JWKS), issuer {@code vanguard-session},
 * audience {@value #AUDIENCE}, scope {@value #SCOPE}, in date, naming the host
 * ({@code sub}) and the quiz ({@code quiz}). Only with it does a host who does not own a
 * public quiz get its answer key: a player who signs up as a host cannot read the answers
 * of the game they play. A player token (scope {@code player}) is no grant.
 */
@Component
public class AnswerKeyGrants {

	public static final String HEADER = "Vanguard-Answer-Key-Grant";

	static final String ISSUER = "vanguard-session";

	static final String AUDIENCE = "quiz-service";

	static final String SCOPE = "quiz-key";

	private final JwtDecoder decoder;

	AnswerKeyGrants(@Value("${vanguard.quiz.session-jwks-uri}") String sessionJwksUri) {
		// session-service signs with ES256 (P-256 keys) or RS256 (RSA keys made before)
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(sessionJwksUri)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER),
				new JwtClaimValidator<>("scope", SCOPE::equals), new JwtClaimValidator<List<String>>("aud",
						(audience) -> audience != null && audience.contains(AUDIENCE))));
		this.decoder = decoder;
	}

	/**
	 * Whether {@code grant} lets {@code host} read quiz {@code quizId} with its answers.
	 */
	public boolean allows(String grant, UUID host, UUID quizId) {
		if (grant == null || grant.isBlank()) {
			return false;
		}
		try {
			Jwt jwt = this.decoder.decode(grant);
			return host.toString().equals(jwt.getSubject()) && quizId.toString().equals(jwt.getClaimAsString("quiz"));
		}
		catch (JwtException ex) {
			return false;
		}
	}

}
