package dev.vanguard.realtime;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.vanguard.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * session-service signs player tokens ES256 with a P-256 key, RS256 with an RSA key (keys
 * made before): realtime-service admits both.
 */
class PlayerTokenAlgorithmsIntegrationTests extends RealtimeIntegrationTests {

	@Test
	void admitsPlayerTokensSignedWithEitherOfSessionServicesAlgorithms() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		UUID bob = game.join("Bob");
		// player(…) signs ES256
		assertThat(player(game, ann).await("catchup")).isNotNull();
		assertThat(connect("token=" + TestTokens.playerSignedWithRsa(game.sessionId, bob)).await("catchup"))
			.isNotNull();
	}

}
