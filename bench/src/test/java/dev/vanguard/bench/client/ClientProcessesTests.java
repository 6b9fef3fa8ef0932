package dev.vanguard.bench.client;

import java.nio.file.Path;
import java.time.Duration;

import dev.vanguard.bench.targets.LineTarget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audience held by child JVMs: each connects its share, and the histograms they send
 * back after a round add up to every client's frame. Against the floor (a bare NIO
 * server), so nothing but the client processes is tested.
 */
class ClientProcessesTests {

	private static final Path LOGS = Path.of("target/logs");

	@Test
	void childrenConnectTheirShareAndReportEveryArrival() throws Exception {
		try (LineTarget floor = LineTarget.floor(19105, 19106, LOGS);
				ClientProcesses clients = ClientProcesses.start(2, floor.readyWhen(), LOGS)) {
			clients.connect(floor.prepare(301));

			assertThat(clients.awaitReady(301, Duration.ofSeconds(60)).ready()).isEqualTo(301);
			for (int round = 0; round < 2; round++) {
				clients.arm(floor.markers(round));
				long publishedAt = floor.trigger(round);
				ClientProcesses.Round result = clients.collect(publishedAt, Duration.ofSeconds(30));
				floor.afterRound(round);

				assertThat(result.latency().getTotalCount()).isEqualTo(301);
				assertThat(result.firstMatch()).isNotNull();
			}
			assertThat(clients.cpuSeconds()).isPositive();
			clients.disconnectAll();
		}
	}

}
