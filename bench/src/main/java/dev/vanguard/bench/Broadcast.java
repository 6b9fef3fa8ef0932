package dev.vanguard.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.vanguard.bench.client.WsClients;
import dev.vanguard.bench.target.ProcStats;
import dev.vanguard.bench.target.Target;
import org.HdrHistogram.Histogram;

/**
 * One broadcast measurement: N clients connect to a target, warm-up rounds run and are
 * kept apart, then the measured rounds; each round arms the clients, triggers one
 * broadcast and waits until every client has its frame or the round times out.
 */
final class Broadcast {

	/** Longest latency the histograms hold, in microseconds. */
	private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

	/** Pause between rounds, so one round's stragglers and GC don't land in the next. */
	private static final Duration GAP = Duration.ofMillis(400);

	private Broadcast() {
	}

	static Row measure(String scenario, Target target, int players, Options options)
			throws IOException, InterruptedException {
		try (WsClients clients = new WsClients(target.dialect(), target.readyWhen())) {
			List<WsClients.Endpoint> endpoints = target.prepare(players);
			clients.connect(endpoints);
			int connected = clients.awaitReady(players, Duration.ofSeconds(30 + players / 100));
			Progress.say("%s %s N=%,d: %,d connected%s", scenario, target.name(), players, connected,
					(connected < players) ? " " + clients.failures() : "");
			long heap = target.heapBytes();
			Histogram warmup = new Histogram(HIGHEST_MICROS, 3);
			Histogram measured = new Histogram(HIGHEST_MICROS, 3);
			long delivered = 0;
			double cpuBefore = 0;
			long clientCpuBefore = 0;
			Duration roundTimeout = Duration.ofSeconds(5).plusMillis(players);
			int total = options.warmup() + options.rounds();
			for (int round = 0; round < total; round++) {
				boolean measuring = round >= options.warmup();
				if (round == options.warmup()) {
					cpuBefore = serverCpu(target);
					clientCpuBefore = clients.cpuTime().toNanos();
				}
				CompletableFuture<Integer> done = clients.arm(target.markers(round));
				long publishedAt = target.trigger(round);
				await(done, roundTimeout);
				long[] arrivals = clients.arrivals();
				int arrived = 0;
				Histogram histogram = measuring ? measured : warmup;
				Histogram thisRound = new Histogram(HIGHEST_MICROS, 3);
				for (long arrival : arrivals) {
					if (arrival != 0) {
						long micros = Math.max(0, (arrival - publishedAt) / 1000);
						histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
						thisRound.recordValue(Math.min(micros, HIGHEST_MICROS));
						arrived++;
					}
				}
				if (measuring) {
					delivered += arrived;
				}
				target.afterRound(round);
				heap = Math.max(heap, target.heapBytes());
				Progress.say("%s %s N=%,d %s %d: %,d/%,d p50 %.1f p99 %.1f max %.1f ms", scenario, target.name(),
						players, measuring ? "round" : "warm-up", measuring ? round - options.warmup() + 1 : round + 1,
						arrived, connected, thisRound.getValueAtPercentile(50) / 1000.0,
						thisRound.getValueAtPercentile(99) / 1000.0, thisRound.getMaxValue() / 1000.0);
				Thread.sleep(GAP);
			}
			double serverCpu = serverCpu(target) - cpuBefore;
			double clientCpu = (clients.cpuTime().toNanos() - clientCpuBefore) / 1e9;
			int threads = target.pids().stream().mapToInt(ProcStats::threads).sum();
			long rss = target.pids().stream().mapToLong(ProcStats::peakRssBytes).sum();
			String note = (connected < players) ? "only " + connected + " connected: " + clients.failures() : "";
			clients.disconnectAll();
			target.finish();
			return new Row(scenario, target.name(), players, connected, options.rounds(), measured,
					(warmup.getTotalCount() == 0) ? Double.NaN : warmup.getValueAtPercentile(99) / 1000.0, delivered,
					(long) players * options.rounds(), serverCpu, mib(heap), threads, mib(rss), clientCpu, note);
		}
	}

	static double serverCpu(Target target) {
		return target.pids().stream().mapToDouble(ProcStats::cpuSeconds).sum();
	}

	static double mib(long bytes) {
		return (bytes < 0) ? Double.NaN : bytes / (1024.0 * 1024.0);
	}

	private static void await(CompletableFuture<Integer> done, Duration timeout) throws InterruptedException {
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

}
