package dev.vanguard.session.events;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

	/**
	 * Declared (idempotently) whenever the connection opens, so publishing never 404s.
	 */
	@Bean
	TopicExchange sessionEventsExchange(EventProperties properties) {
		return new TopicExchange(properties.exchange(), true, false);
	}

}
