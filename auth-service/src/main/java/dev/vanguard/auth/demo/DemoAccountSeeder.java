package dev.vanguard.auth.demo;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the demo host so that a newcomer can sign in at once. Idempotent, and safe when
 * several instances start together: the insert does nothing if the account (by id or
 * e-mail) is already there.
 */
@Component
class DemoAccountSeeder implements ApplicationRunner {

	/** Fixed, so that quiz-service can seed a sample quiz owned by the demo host. */
	static final UUID DEMO_ID = UUID.fromString("00000000-0000-0000-0000-00000000d3e0");

	static final String DEMO_EMAIL = "demo@vanguard.local";

	static final String DEMO_PASSWORD = "vanguard-demo-1";

	static final String DEMO_DISPLAY_NAME = "Demo Host";

	private static final Log log = LogFactory.getLog(DemoAccountSeeder.class);

	private final DemoProperties properties;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	DemoAccountSeeder(DemoProperties properties, JdbcClient jdbc, PasswordEncoder passwordEncoder, Clock clock) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.properties.enabled()) {
			seed();
		}
	}

	/** Returns whether the demo host was created now. */
	boolean seed() {
		int created = this.jdbc.sql("""
				insert into accounts (id, email, password_hash, display_name, created_at)
				values (:id, :email, :passwordHash, :displayName, :createdAt)
				on conflict do nothing""")
			.param("id", DEMO_ID)
			.param("email", DEMO_EMAIL)
			.param("passwordHash", this.passwordEncoder.encode(DEMO_PASSWORD))
			.param("displayName", DEMO_DISPLAY_NAME)
			.param("createdAt", this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		if (created == 1) {
			log.info("Created the demo host " + DEMO_EMAIL + " (password " + DEMO_PASSWORD
					+ "); set VANGUARD_DEMO=false to skip");
		}
		return created == 1;
	}

}
