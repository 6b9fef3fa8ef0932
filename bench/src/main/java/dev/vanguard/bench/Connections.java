package dev.vanguard.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.vanguard.bench.client.WsClients;
import dev.vanguard.bench.targets.ProcStats;
import dev.vanguard.bench.targets.VanguardTarget;

/**
 * How many connections one realtime-service instance holds, and at what cost: clients
 * join one session in steps up to the largest N; at each step the server's heap after a
 * full GC, its threads and one series of broadcast rounds are recorded. Heap should grow
 * linearly and modestly with N, threads not at all (no platform thread per connection).
 */
final class Connections {

	private Connections() {
	}

	static Report.Section measure(VanguardTarget target, List<Integer> steps, Options options)
			throws IOException, InterruptedException {
		List<Integer> sorted = steps.stream().sorted().toList();
		int largest = sorted.getLast();
		long pid = target.pids().getFirst();
		// twice: the first full GC after start-up still finds start-up garbage to promote
		target.fullGc();
		target.fullGc();
		int idleThreads = ProcStats.threads(pid);
		long idleHeap = target.heapBytes();
		List<Row> rows = new ArrayList<>();
		try (WsClients clients = new WsClients(target.dialect(), target.readyWhen())) {
			List<WsClients.Endpoint> endpoints = target.prepare(largest);
			int previous = 0;
			for (int step : sorted) {
				clients.connect(endpoints.subList(previous, step));
				previous = step;
				int connected = Broadcast.awaitConnected("connections", target, clients, step);
				Broadcast.Rounds rounds = Broadcast.rounds("connections", target, clients, step, 1,
						Math.min(options.rounds(), 3));
				target.fullGc();
				rounds.heap = target.heapBytes();
				rows.add(rounds.row("connections", target, step, connected,
						(connected < step) ? "only " + connected + " connected: " + clients.failures() : ""));
			}
			clients.disconnectAll();
			target.finish();
		}
		return new Report.Section("connections", rows,
				List.of("One instance, one session; clients added in steps. heap MiB is the heap in use after a full "
						+ "GC (jcmd GC.run) once the step's rounds are done; threads from /proc/<pid>/status. "
						+ "With no connection: " + idleThreads + " threads, "
						+ String.format(Locale.ROOT, "%.1f", Broadcast.mib(idleHeap)) + " MiB heap.",
						"Targets (DESIGN §5): 19,000 connections, heap ≤ 1 GiB, platform threads flat in N."));
	}

}
