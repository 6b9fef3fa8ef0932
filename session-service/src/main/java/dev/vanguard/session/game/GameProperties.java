package dev.vanguard.session.game;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param autoAdvanceDelay how long a reveal stays on screen before an auto-advancing
 * session moves on
 * @param clockInterval how often the server clock looks for questions to close
 * @param lobbyIdleTimeout a lobby with no event for this long ends by itself
 * @param gameIdleTimeout a started game with no event for this long ends by itself
 * @param questionDeliveryTimeout how long past its deadline a question that has not
 * reached realtime-service (the broker is down) stays open; its time runs from when it
 * arrives, up to this
 * @param rebuildGiveUpAfter how long writing a live session's state back into Redis may
 * keep failing (building it from the database, or Redis refusing it) before the session
 * is ended instead ({@link LiveStateRepair})
 */
@ConfigurationProperties("vanguard.session")
record GameProperties(@DefaultValue("8s") Duration autoAdvanceDelay, @DefaultValue("200ms") Duration clockInterval,
		@DefaultValue("2h") Duration lobbyIdleTimeout, @DefaultValue("1h") Duration gameIdleTimeout,
		@DefaultValue("5m") Duration questionDeliveryTimeout, @DefaultValue("30s") Duration rebuildGiveUpAfter) {
}
