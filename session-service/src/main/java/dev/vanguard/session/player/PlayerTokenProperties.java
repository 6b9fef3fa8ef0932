package dev.vanguard.session.player;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signingKey PEM (PKCS#8) of the private key that signs player tokens, P-256
 * (ES256) or RSA (RS256); blank to generate one at start-up (single local instance only:
 * every instance must verify the others' tokens, so a fleet shares a configured key)
 * @param lifetime how long a player token is valid; a game fits comfortably
 */
@ConfigurationProperties("vanguard.session.player-token")
record PlayerTokenProperties(String signingKey, @DefaultValue("12h") Duration lifetime) {
}
