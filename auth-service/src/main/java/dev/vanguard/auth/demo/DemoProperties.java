package dev.vanguard.auth.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo data ({@code vanguard.demo.*}, env {@code VANGUARD_DEMO}).
 *
 * @param enabled whether to create the demo host account at startup
 */
@ConfigurationProperties("vanguard.demo")
record DemoProperties(@DefaultValue("true") boolean enabled) {
}
