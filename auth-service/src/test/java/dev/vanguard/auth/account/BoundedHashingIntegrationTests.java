package dev.vanguard.auth.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.vanguard.auth.AuthHttp;
import dev.vanguard.testsupport.PostgresTestConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static dev.vanguard.auth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With room for one password hash at a time and no waiting, a burst of sign-ins is
 * refused with 503 beyond what can be hashed, instead of hashing them all at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vanguard.auth.hashing.max-concurrent=1", "vanguard.auth.hashing.max-wait=0ms" })
@Import(PostgresTestConfiguration.class)
class BoundedHashingIntegrationTests {

	private static final String PASSWORD = "a perfectly fine passphrase";

	@LocalServerPort
	int port;

	@Test
	void refusesHashesBeyondTheBoundWith503() throws Exception {
		String email = AuthHttp.uniqueEmail("bounded");
		assertThat(new AuthHttp(this.port).register(email, PASSWORD, "Bounded").status()).isEqualTo(201);
		List<Future<AuthHttp.Reply>> logins = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 40; i++) {
				logins.add(clients.submit(() -> new AuthHttp(this.port).login(email, PASSWORD)));
			}
		}
		int busy = 0;
		for (Future<AuthHttp.Reply> login : logins) {
			AuthHttp.Reply reply = login.get();
			assertThat(reply.status()).as(reply.body()).isIn(200, 503);
			if (reply.status() == 503) {
				assertProblem(reply, 503, "busy");
				assertThat(reply.headers().firstValue("Retry-After")).hasValue("1");
				busy++;
			}
		}
		assertThat(busy).as("sign-ins refused while another hash ran").isPositive();
		assertThat(new AuthHttp(this.port).login(email, PASSWORD).status()).isEqualTo(200);
	}

}
