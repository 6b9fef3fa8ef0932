package dev.vanguard.auth.demo;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.vanguard.auth.AuthHttp;
import dev.vanguard.auth.AuthIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

@AuthIntegrationTest
class DemoAccountSeederIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	DemoAccountSeeder seeder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	@AfterEach
	void leaveTheDemoHostInPlace() {
		this.seeder.seed();
	}

	@Test
	void demoHostExistsAfterStartupWithItsFixedId() {
		AuthHttp.Reply login = new AuthHttp(this.port).login("demo@vanguard.local", "vanguard-demo-1");

		assertThat(login.status()).isEqualTo(200);
		assertThat(login.json().at("/user/id").asString()).isEqualTo("00000000-0000-0000-0000-00000000d3e0");
		assertThat(login.json().at("/user/displayName").asString()).isEqualTo("Demo Host");
	}

	@Test
	void seedingAgainChangesNothing() {
		String hashBefore = demoPasswordHash();

		assertThat(this.seeder.seed()).isFalse();

		assertThat(demoAccounts()).isOne();
		assertThat(demoPasswordHash()).isEqualTo(hashBefore);
	}

	@Test
	void twoInstancesSeedingTogetherCreateOneDemoHost() throws Exception {
		deleteDemoHost();
		CountDownLatch start = new CountDownLatch(1);
		Callable<Boolean> seed = () -> {
			start.await();
			return this.seeder.seed();
		};
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Boolean>> results = List.of(executor.submit(seed), executor.submit(seed));
			start.countDown();
			assertThat(List.of(results.get(0).get(), results.get(1).get())).containsExactlyInAnyOrder(true, false);
		}
		assertThat(demoAccounts()).isOne();
	}

	@Test
	void seedsNothingWhenSwitchedOff() throws Exception {
		deleteDemoHost();
		DemoAccountSeeder switchedOff = new DemoAccountSeeder(new DemoProperties(false), this.jdbc,
				this.passwordEncoder, Clock.systemUTC());

		switchedOff.run(new DefaultApplicationArguments());

		assertThat(demoAccounts()).isZero();
	}

	private void deleteDemoHost() {
		this.jdbc.sql("delete from accounts where id = :id").param("id", DemoAccountSeeder.DEMO_ID).update();
	}

	private int demoAccounts() {
		return this.jdbc.sql("select count(*) from accounts where id = :id or email = :email")
			.param("id", DemoAccountSeeder.DEMO_ID)
			.param("email", DemoAccountSeeder.DEMO_EMAIL)
			.query(Integer.class)
			.single();
	}

	private String demoPasswordHash() {
		return this.jdbc.sql("select password_hash from accounts where id = :id")
			.param("id", DemoAccountSeeder.DEMO_ID)
			.query(String.class)
			.single();
	}

}
