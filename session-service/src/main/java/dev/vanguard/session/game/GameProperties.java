package dev.vanguard.session.game;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param autoAdvanceDelay how long a reveal stays on screen before an auto-advancing
 * session moves on
 * @param clockInterval how often the server clock looks for questions to close
 */
@ConfigurationProperties("vanguard.session")
record GameProperties(@DefaultValue("8s") Duration autoAdvanceDelay, @DefaultValue("200ms") Duration clockInterval) {
}
