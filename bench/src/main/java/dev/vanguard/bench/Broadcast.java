package dev.vanguard.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vanguard.bench.client.WsClients;
import dev.vanguard.bench.targets.ProcStats;
import dev.vanguard.bench.targets.Target;
import org.HdrHistogram.Histogram;

/**
 * One broadcast measurement: N clients connect to a target, warm-up rounds run and are
 * kept apart, then the measured rounds; each round arms the clients, triggers one
 * broadcast and waits until every client has its frame or the round times out.
 */
final class Broadcast {

	/** Longest latency the histograms hold, in microseconds. */
	static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

	private static final Pattern CREATED_AT = Pattern.compile("\"createdAt\":(\\d+)");

	private static final Pattern SERVER_TIME = Pattern.compile("\"serverTime\":(\\d+)");

	/**
	 * The JIT is taken as done compiling when the compiler threads of the target and of
	 * the bench used at most this much CPU over {@link #JIT_QUIET_WINDOW}.
	 */
	private static final double JIT_QUIET_CPU_SECONDS = 0.03;

	private static final Duration JIT_QUIET_WINDOW = Duration.ofSeconds(1);

	/** The longest the measured rounds wait for the JIT to fall quiet. */
	private static final Duration JIT_QUIET_LIMIT = Duration.ofSeconds(10);

	/** Pause between rounds, so one round's stragglers and GC don't land in the next. */
	private static final Duration GAP = Duration.ofMillis(400);

	/** The audience of a server's warm-up. */
	static final int SERVER_WARMUP_PLAYERS = 10;

	/**
	 * The answers and joins cases turn {@code --server-warmup} into rounds of answers and
	 * storms of joins, unrecorded, before their own warm-up: one per this many (10 of the
	 * default 1,000). As with the broadcasts, a server that has run games has compiled
	 * its answer and join paths; without it the answers case timed the JIT (ack p99 545 →
	 * 246 ms over its five measured rounds, then 9.1 ms with it, 2026-11-29).
	 */
	private static final int SERVER_WARMUP_PER_ROUND = 100;

	/** Broadcasts to one audience of a server's warm-up before the next. */
	static final int SERVER_WARMUP_ROUNDS_PER_AUDIENCE = 50;

	private Broadcast() {
	}

	/** Connects {@code players} clients to the target, runs the rounds, disconnects. */
	static Row measure(String scenario, Target target, int players, Options options)
			throws IOException, InterruptedException {
		try (WsClients clients = new WsClients(target.dialect(), target.readyWhen())) {
			clients.connect(target.prepare(players));
			int connected = awaitConnected(scenario, target, clients, players);
			Rounds rounds = rounds(scenario, target, clients, players, options.warmup(), options.rounds());
			Row row = rounds.row(scenario, target, players, connected,
					(connected < players) ? "only " + connected + " connected: " + clients.failures() : "");
			clients.disconnectAll();
			target.finish();
			return row;
		}
	}

	/**
	 * Heats a server that has just started, as a server that has run games for a while is
	 * heated: {@code serverWarmup} broadcasts to audiences of
	 * {@link #SERVER_WARMUP_PLAYERS} clients, back to back, through the same path as the
	 * measured rounds, nothing recorded; a fresh audience (a new session) every
	 * {@link #SERVER_WARMUP_ROUNDS_PER_AUDIENCE} broadcasts, so no session grows beyond
	 * what a game has. The JIT compiles a method only after hundreds to thousands of
	 * calls, and a case's few rounds per N alone would time the interpreter: in
	 * realtime-service's first hundred events decoding one took 1–2.5 ms and applying it
	 * 2–7 ms, still 0.4 and 2.2 ms after 500 (issue 13). Every target gets the same
	 * warm-up; a case's own warm-up rounds still run per N and are reported apart.
	 */
	static void warmUpServer(String scenario, Target target, Options options) throws IOException, InterruptedException {
		int broadcasts = options.serverWarmup();
		long started = System.nanoTime();
		Histogram all = new Histogram(HIGHEST_MICROS, 3);
		for (int done = 0; done < broadcasts; done += SERVER_WARMUP_ROUNDS_PER_AUDIENCE) {
			try (WsClients clients = new WsClients(target.dialect(), target.readyWhen())) {
				clients.connect(target.prepare(SERVER_WARMUP_PLAYERS));
				clients.awaitReady(SERVER_WARMUP_PLAYERS, Duration.ofSeconds(30));
				Rounds rounds = rounds(scenario, target, clients, SERVER_WARMUP_PLAYERS,
						Math.min(SERVER_WARMUP_ROUNDS_PER_AUDIENCE, broadcasts - done), 0, Duration.ZERO, false);
				all.add(rounds.warmup);
				clients.disconnectAll();
				target.finish();
			}
		}
		if (broadcasts > 0) {
			Progress.say(
					"%s %s: server warmed up with %,d broadcasts to %d clients at a time in %.1f s (p50 %.1f ms,"
							+ " p99 %.1f ms)",
					scenario, target.name(), broadcasts, SERVER_WARMUP_PLAYERS, (System.nanoTime() - started) / 1e9,
					all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(99) / 1000.0);
		}
	}

	static int awaitConnected(String scenario, Target target, WsClients clients, int players)
			throws InterruptedException {
		long started = System.nanoTime();
		int connected = clients.awaitReady(players, Duration.ofSeconds(30 + players / 100));
		Progress.say("%s %s N=%,d: %,d connected in %.1f s%s", scenario, target.name(), players, connected,
				(System.nanoTime() - started) / 1e9, (connected < players) ? " " + clients.failures() : "");
		return connected;
	}

	/** Runs the warm-up rounds then the measured ones, each said, {@link #GAP} apart. */
	static Rounds rounds(String scenario, Target target, WsClients clients, int players, int warmupRounds,
			int measuredRounds) throws IOException, InterruptedException {
		return rounds(scenario, target, clients, players, warmupRounds, measuredRounds, GAP, true);
	}

	/**
	 * Runs the warm-up rounds then the measured ones on clients already connected, with
	 * {@code gap} between rounds, each round said if {@code verbose}.
	 */
	static Rounds rounds(String scenario, Target target, WsClients clients, int players, int warmupRounds,
			int measuredRounds, Duration gap, boolean verbose) throws IOException, InterruptedException {
		Rounds result = new Rounds(measuredRounds);
		result.heap = target.heapBytes();
		Duration roundTimeout = Duration.ofSeconds(5).plusMillis(players);
		int total = warmupRounds + measuredRounds;
		for (int round = 0; round < total; round++) {
			boolean measuring = round >= warmupRounds;
			if (round == warmupRounds) {
				awaitJitQuiet(scenario + " " + target.name(), players, target.pids(), verbose);
				result.serverCpu = -serverCpu(target);
				result.clientCpu = -clients.cpuTime().toNanos() / 1e9;
			}
			CompletableFuture<Integer> done = clients.arm(target.markers(round));
			long publishedAt = target.trigger(round);
			await(done, roundTimeout);
			long[] arrivals = clients.arrivals();
			Histogram thisRound = new Histogram(HIGHEST_MICROS, 3);
			for (long arrival : arrivals) {
				if (arrival != 0) {
					thisRound.recordValue(Math.min(Math.max(0, (arrival - publishedAt) / 1000), HIGHEST_MICROS));
				}
			}
			if (thisRound.getTotalCount() < players) {
				result.misses.add(String.format(Locale.ROOT, "%s %d: %,d of %,d frames missing (%s)",
						measuring ? "round" : "warm-up round", measuring ? round - warmupRounds + 1 : round + 1,
						players - thisRound.getTotalCount(), players, clients.unmatched().replace('|', '/')));
				Progress.say("  %s %s round %d: %,d frames missing; %s; connections closed %,d %s", scenario,
						target.name(), round + 1, players - thisRound.getTotalCount(), clients.unmatched(),
						clients.closedCount(), clients.failures());
			}
			if (measuring) {
				serverShare(clients.firstMatch()).ifPresent(result.serverShareMillis::add);
			}
			(measuring ? result.measured : result.warmup).add(thisRound);
			if (measuring) {
				result.delivered += thisRound.getTotalCount();
			}
			target.afterRound(round);
			result.heap = Math.max(result.heap, target.heapBytes());
			if (verbose) {
				Progress.say("%s %s N=%,d %s %d: %,d/%,d p50 %.1f p99 %.1f max %.1f ms", scenario, target.name(),
						players, measuring ? "round" : "warm-up", measuring ? round - warmupRounds + 1 : round + 1,
						thisRound.getTotalCount(), players, thisRound.getValueAtPercentile(50) / 1000.0,
						thisRound.getValueAtPercentile(99) / 1000.0, thisRound.getMaxValue() / 1000.0);
			}
			Thread.sleep(gap);
		}
		result.serverCpu += serverCpu(target);
		result.clientCpu += clients.cpuTime().toNanos() / 1e9;
		return result;
	}

	/**
	 * Waits, before the measured rounds, until the JIT compilers of the servers'
	 * {@code processes} and of the bench (whose clients time the frames) have fallen
	 * quiet, at most {@link #JIT_QUIET_LIMIT}. A connect and the warm-up rounds leave
	 * compilations queued, and on 2 cores a C2 thread compiling beside the rounds is a
	 * core the fan-out does not have: with 3 instances, the bench's own C2 threads took a
	 * quarter of the CPU during the measured rounds (perf, issue 13). A server that has
	 * run games for a while compiles nothing; the rounds measure that server.
	 */
	static void awaitJitQuiet(String what, int players, List<Long> processes, boolean verbose)
			throws InterruptedException {
		long started = System.nanoTime();
		long limit = started + JIT_QUIET_LIMIT.toNanos();
		double before = compilerCpu(processes);
		boolean quiet = false;
		while (!quiet && System.nanoTime() < limit) {
			Thread.sleep(JIT_QUIET_WINDOW);
			double now = compilerCpu(processes);
			quiet = now - before <= JIT_QUIET_CPU_SECONDS;
			before = now;
		}
		if (verbose) {
			Progress.say("%s N=%,d: JIT %s after %.1f s", what, players, quiet ? "quiet" : "still compiling",
					(System.nanoTime() - started) / 1e9);
		}
	}

	private static double compilerCpu(List<Long> processes) {
		return processes.stream().mapToDouble(ProcStats::compilerCpuSeconds).sum()
				+ ProcStats.compilerCpuSeconds(ProcessHandle.current().pid());
	}

	/**
	 * The unrecorded rounds of answers or storms of joins {@code --server-warmup} asks
	 * for.
	 */
	static int serverWarmupRounds(Options options) {
		return options.serverWarmup() / SERVER_WARMUP_PER_ROUND;
	}

	/**
	 * How much of the latency is spent before the server hands the frame to the sockets:
	 * realtime-service's frames carry the event's {@code createdAt} (set by the bench
	 * just before the publish) and the instance's {@code serverTime}, both epoch ms on
	 * this host's clock. Other servers' frames carry neither.
	 */
	static Optional<Long> serverShare(String frame) {
		if (frame == null) {
			return Optional.empty();
		}
		Matcher created = CREATED_AT.matcher(frame);
		Matcher server = SERVER_TIME.matcher(frame);
		if (!created.find() || !server.find()) {
			return Optional.empty();
		}
		return Optional.of(Long.parseLong(server.group(1)) - Long.parseLong(created.group(1)));
	}

	static double serverCpu(Target target) {
		return target.pids().stream().mapToDouble(ProcStats::cpuSeconds).sum();
	}

	static double mib(long bytes) {
		return (bytes < 0) ? Double.NaN : bytes / (1024.0 * 1024.0);
	}

	static void await(CompletableFuture<Integer> done, Duration timeout) throws InterruptedException {
		try {
			done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// the round is over; what did not arrive counts as not delivered
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** What a series of rounds measured. */
	static final class Rounds {

		final Histogram warmup = new Histogram(HIGHEST_MICROS, 3);

		final Histogram measured = new Histogram(HIGHEST_MICROS, 3);

		final int count;

		long delivered;

		double serverCpu;

		double clientCpu;

		long heap;

		final List<String> misses = new ArrayList<>();

		final List<Long> serverShareMillis = new ArrayList<>();

		Rounds(int count) {
			this.count = count;
		}

		Row row(String scenario, Target target, int players, int connected, String note) {
			List<Long> pids = target.pids();
			int threads = pids.stream().mapToInt(ProcStats::threads).sum();
			long rss = pids.stream().mapToLong(ProcStats::peakRssBytes).sum();
			double warmupP99 = (this.warmup.getTotalCount() == 0) ? Double.NaN
					: this.warmup.getValueAtPercentile(99) / 1000.0;
			List<String> notes = new ArrayList<>();
			if (!note.isBlank()) {
				notes.add(note);
			}
			if (!this.serverShareMillis.isEmpty()) {
				List<Long> sorted = this.serverShareMillis.stream().sorted().toList();
				notes.add(String.format(Locale.ROOT, "%s: median %d, max %d", target.serverShareMeaning(),
						sorted.get(sorted.size() / 2), sorted.getLast()));
			}
			String own = target.measuredNote();
			if (!own.isBlank()) {
				notes.add(own);
			}
			notes.addAll(this.misses);
			return new Row(scenario, target.name(), players, connected, this.count, this.measured, warmupP99,
					this.delivered, (long) players * this.count, this.serverCpu, mib(this.heap), threads, mib(rss),
					this.clientCpu, String.join("; ", notes));
		}

	}

}
