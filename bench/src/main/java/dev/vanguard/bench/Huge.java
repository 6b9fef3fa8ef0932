package dev.vanguard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.vanguard.bench.client.ClientProcesses;
import dev.vanguard.bench.client.WsClients;
import dev.vanguard.bench.targets.ProcStats;
import dev.vanguard.bench.targets.Prometheus;
import dev.vanguard.bench.targets.VanguardTarget;
import org.HdrHistogram.Histogram;

/**
 * One game far larger than one client process can hold (issue 13: 50,000 players across 3
 * realtime-service instances): the clients live in several child JVMs
 * ({@link ClientProcesses}, at most {@link #PER_PROCESS} sockets each, since a process
 * may open 20,000 files here), which report each round's latency histogram back. The heap
 * is reported per instance, since the target (≤ 1 GiB) is per instance.
 */
final class Huge {

	/** Sockets per client process: under the 20,000 open files a process may hold. */
	static final int PER_PROCESS = 15_000;

	private Huge() {
	}

	static Report.Section measure(VanguardTarget target, int instances, int players, Options options, Path logs)
			throws IOException, InterruptedException {
		int processes = Math.max(2, (players + PER_PROCESS - 1) / PER_PROCESS);
		Histogram warmup = new Histogram(Broadcast.HIGHEST_MICROS, 3);
		Histogram measured = new Histogram(Broadcast.HIGHEST_MICROS, 3);
		List<String> notes = new ArrayList<>();
		List<Long> serverShare = new ArrayList<>();
		long[] peakHeap = new long[instances];
		long delivered = 0;
		double serverCpu = 0;
		double clientCpu = 0;
		int connected;
		Duration connectTime;
		try (ClientProcesses clients = ClientProcesses.start(processes, target.readyWhen(), logs)) {
			List<WsClients.Endpoint> endpoints = target.prepare(players);
			long started = System.nanoTime();
			clients.connect(endpoints);
			ClientProcesses.Ready ready = clients.awaitReady(players, Duration.ofSeconds(60 + players / 100));
			connectTime = Duration.ofNanos(System.nanoTime() - started);
			connected = ready.ready();
			Progress.say("huge N=%,d: %,d connected in %.1f s over %d client processes%s", players, connected,
					connectTime.toMillis() / 1e3, processes, (connected < players) ? " " + ready.failures() : "");
			if (connected < players) {
				notes.add("only " + connected + " connected: " + ready.failures());
			}
			sampleHeap(target, peakHeap);
			Duration roundTimeout = Duration.ofSeconds(5).plusMillis(players);
			int total = options.warmup() + options.rounds();
			for (int round = 0; round < total; round++) {
				boolean measuring = round >= options.warmup();
				if (round == options.warmup()) {
					serverCpu = -Broadcast.serverCpu(target);
					clientCpu = -clients.cpuSeconds();
				}
				clients.arm(target.markers(round));
				long publishedAt = target.trigger(round);
				ClientProcesses.Round result = clients.collect(publishedAt, roundTimeout);
				Histogram latency = result.latency();
				String label = measuring ? "round " + (round - options.warmup() + 1) : "warm-up round " + (round + 1);
				if (latency.getTotalCount() < players) {
					notes.add(String.format(Locale.ROOT, "%s: %,d of %,d frames missing", label,
							players - latency.getTotalCount(), players));
				}
				if (measuring) {
					measured.add(latency);
					delivered += latency.getTotalCount();
					Broadcast.serverShare(result.firstMatch()).ifPresent(serverShare::add);
				}
				else {
					warmup.add(latency);
				}
				target.afterRound(round);
				sampleHeap(target, peakHeap);
				Progress.say("huge N=%,d %s: %,d/%,d p50 %.1f p99 %.1f max %.1f ms", players, label,
						latency.getTotalCount(), players, latency.getValueAtPercentile(50) / 1000.0,
						latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0);
				Thread.sleep(400);
			}
			serverCpu += Broadcast.serverCpu(target);
			clientCpu += clients.cpuSeconds();
			int threads = target.pids().stream().mapToInt(ProcStats::threads).sum();
			long rss = target.pids().stream().mapToLong(ProcStats::peakRssBytes).sum();
			long[] afterGc = heapAfterGc(target, instances);
			clients.disconnectAll();
			target.finish();
			notes.add(0, String.format(Locale.ROOT,
					"One session of %,d players on %d realtime-service instance(s) (clients round-robin over them), "
							+ "the clients in %d child JVMs of the bench (dev.vanguard.bench.client.ClientProcess, "
							+ "at most %,d sockets each), which send each round's latency histogram back; connected "
							+ "in %.0f s. CPU, RSS and threads are summed over the instances; heap MiB is the "
							+ "largest instance's peak heap in use; client CPU s is the client processes' selector threads'."
							+ " Per instance, peak heap in use %s MiB, after a " + "full GC %s MiB.",
					players, instances, processes, PER_PROCESS, connectTime.toMillis() / 1e3, mibList(peakHeap),
					mibList(afterGc)));
			notes.add(1, "Target (issue 13): 50,000 players across 3 instances, 100 % delivered, p99 reported "
					+ "(goal ≤ 1 s on 2 cores), heap per instance ≤ 1 GiB.");
			if (!serverShare.isEmpty()) {
				List<Long> sorted = serverShare.stream().sorted().toList();
				notes.add(2,
						String.format(Locale.ROOT,
								"publish → frame prepared on the server (the frame's serverTime − createdAt, ms, "
										+ "first frame of each measured round): median %d, max %d",
								sorted.get(sorted.size() / 2), sorted.getLast()));
			}
			long largestHeap = 0;
			for (long heap : peakHeap) {
				largestHeap = Math.max(largestHeap, heap);
			}
			double warmupP99 = (warmup.getTotalCount() == 0) ? Double.NaN : warmup.getValueAtPercentile(99) / 1000.0;
			Row row = new Row("huge", "vanguard", players, connected, options.rounds(), measured, warmupP99, delivered,
					(long) players * options.rounds(), serverCpu, Broadcast.mib(largestHeap), threads,
					Broadcast.mib(rss), clientCpu, "");
			return new Report.Section("huge", List.of(row), notes);
		}
	}

	private static void sampleHeap(VanguardTarget target, long[] peak) {
		for (int i = 0; i < peak.length; i++) {
			peak[i] = Math.max(peak[i], heapBytes(target, i));
		}
	}

	private static long[] heapAfterGc(VanguardTarget target, int instances) throws IOException, InterruptedException {
		target.fullGc();
		long[] heap = new long[instances];
		sampleHeap(target, heap);
		return heap;
	}

	/** Heap in use of instance {@code i} from its Prometheus endpoint (-1 if unknown). */
	private static long heapBytes(VanguardTarget target, int i) {
		try (HttpClient http = HttpClient.newHttpClient()) {
			String exposition = http
				.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + target.address(i).getPort() + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
			return Prometheus.sum(exposition, "jvm_memory_used_bytes", "area=\"heap\"");
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static String mibList(long[] bytes) {
		return Arrays.stream(bytes)
			.mapToObj((b) -> String.format(Locale.ROOT, "%.0f", Broadcast.mib(b)))
			.collect(Collectors.joining(" / "));
	}

}
