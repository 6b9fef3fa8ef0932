package dev.vanguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vanguard.bench.targets.VanguardTarget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke case of the benchmark, so the tool never rots: 200 players, every frame
 * delivered, no timing asserted, against realtime-service (the whole path through
 * RabbitMQ and Redis), the floor and the Socket.IO peer.
 */
class BenchSmokeTests {

	/** Surefire runs in the module directory; the repository root is its parent. */
	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void deliversEveryFrameToTwoHundredPlayers() throws Exception {
		// realtime-service's jar comes first in the reactor (bench depends on it for the
		// order)
		assertThat(VanguardTarget.realtimeJar(ROOT)).exists();
		List<String> targets = new ArrayList<>(List.of("vanguard", "floor"));
		if (socketIoPeerInstalled()) {
			targets.add("socketio");
		}
		Options options = Options.parse("--case", "smoke", "--targets", String.join(",", targets), "--rounds", "2",
				"--warmup", "1", "--server-warmup", "20", "--root", ROOT.toString());

		List<Report.Section> sections = new Bench(options).run();

		assertThat(sections).singleElement().satisfies((section) -> {
			assertThat(section.rows()).extracting(Row::target).containsExactlyElementsOf(targets);
			assertThat(section.rows()).allSatisfy((row) -> {
				assertThat(row.connected()).isEqualTo(200);
				assertThat(row.delivered()).isEqualTo(row.expected()).isEqualTo(400);
			});
		});
	}

	/**
	 * The Socket.IO peer needs its npm packages, which a fresh clone lacks: install them
	 * as bench/run does. Without Node the peer is left out (the floor and the client
	 * still run); the benchmark itself requires it.
	 */
	private static boolean socketIoPeerInstalled() throws InterruptedException {
		Path peer = ROOT.resolve("bench/socketio-peer");
		if (Files.isDirectory(peer.resolve("node_modules/socket.io"))) {
			return true;
		}
		try {
			Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
				.directory(peer.toFile())
				.inheritIO()
				.start();
			return npm.waitFor(3, TimeUnit.MINUTES) && npm.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
