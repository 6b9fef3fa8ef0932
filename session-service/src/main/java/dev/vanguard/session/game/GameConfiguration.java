package dev.vanguard.session.game;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GameConfiguration {

	/** The server's clock: the only clock deadlines are measured by. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
