package dev.vanguard.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.vanguard.bench.client.WsClients;
import dev.vanguard.bench.targets.ProcStats;
import dev.vanguard.bench.targets.SessionService;
import dev.vanguard.bench.targets.VanguardTarget;
import dev.vanguard.contracts.SessionKeys;
import org.HdrHistogram.Histogram;

/**
 * The join storm: N players join one session through session-service's REST join (each
 * from its own client address, as phones behind the gateway would) within a short window,
 * and each opens its socket with the token it got as soon as it has it. Latency runs from
 * the join request to the catch-up frame on the player's socket: what a player waits for
 * between tapping "join" and seeing the lobby.
 */
final class JoinStorm {

	/**
	 * Joins offered per second, evenly spaced: N joins are sent over N / 1,000 seconds
	 * (issue 13: 2,000 in 2 s, 10,000 in 10 s), at least one second.
	 */
	private static final int OFFERED_PER_SECOND = 1_000;

	/**
	 * How long a new session may take to reach realtime-service through the outbox and
	 * the queue.
	 */
	private static final Duration SESSION_OPEN_TIMEOUT = Duration.ofSeconds(60);

	private JoinStorm() {
	}

	static Report.Section measure(VanguardTarget realtime, SessionService sessions, int players, Options options)
			throws IOException, InterruptedException {
		UUID hostId = UUID.randomUUID();
		realtime.issuer().serveQuiz(hostId);
		String hostToken = realtime.issuer().mintHost(hostId);
		Histogram measured = new Histogram(Broadcast.HIGHEST_MICROS, 3);
		Histogram warmup = new Histogram(Broadcast.HIGHEST_MICROS, 3);
		Histogram http = new Histogram(Broadcast.HIGHEST_MICROS, 3);
		Map<String, Integer> refusals = new TreeMap<>();
		long ready = 0;
		long joinedInRedis = 0;
		double serverCpu = 0;
		double sessionCpu = 0;
		long joined = 0;
		double clientCpu = 0;
		int serverStorms = Broadcast.serverWarmupRounds(options);
		int warmupStorms = serverStorms + options.warmup();
		int storms = warmupStorms + options.rounds();
		String failure = null;
		List<Double> rates = new ArrayList<>();
		long serverWarmupStarted = System.nanoTime();
		for (int storm = 0; storm < storms; storm++) {
			boolean measuring = storm >= warmupStorms;
			boolean serverWarmup = storm < serverStorms;
			if (serverStorms > 0 && storm == serverStorms) {
				Progress.say("joins: servers warmed up with %,d storms of %,d joins in %.1f s", serverStorms,
						Math.max(50, players / 10), (System.nanoTime() - serverWarmupStarted) / 1e9);
			}
			if (storm == warmupStorms) {
				Broadcast.awaitJitQuiet("joins", players, List.of(realtime.pids().getFirst(), sessions.pid()), true);
			}
			// warm-up storms are smaller: they only need to warm the code paths
			int size = measuring ? players : Math.max(50, players / 10);
			double cpuBefore = cpu(realtime, sessions);
			double sessionCpuBefore = ProcStats.cpuSeconds(sessions.pid());
			try (WsClients clients = new WsClients(WsClients.Dialect.PLAIN, WsClients.ReadyWhen.FIRST_MESSAGE)) {
				double clientBefore = clients.cpuTime().toNanos() / 1e9;
				SessionService.Created session = sessions.create(hostToken);
				try {
					// the host shares the PIN once the lobby is up: realtime-service has
					// applied SessionOpened
					realtime.awaitSession(session.id(), SESSION_OPEN_TIMEOUT);
				}
				catch (IOException ex) {
					// report what the storms before measured, and why the rest did not
					// run
					failure = String.format(Locale.ROOT,
							"Storm %d of %d did not run: %s. realtime-service's session_events_processed_total then: %s.",
							storm + 1, storms, ex.getMessage(), realtime.samples("session_events_processed_total"));
					Progress.say("joins: %s", failure);
					break;
				}
				Storm result = storm(realtime, sessions, clients, session, size, measuring ? http : null);
				if (!serverWarmup) {
					(measuring ? measured : warmup).add(result.latency);
				}
				long inRedis = realtime.hashLength(SessionKeys.of(session.id()).players());
				if (!serverWarmup) {
					Progress.say(
							"joins %s %d: %,d joined (%,.0f joins/s answered), %,d sockets ready, %,d players in Redis; "
									+ "join→catch-up p50 %.1f p99 %.1f ms%s",
							measuring ? "storm" : "warm-up storm",
							measuring ? storm - warmupStorms + 1 : storm - serverStorms + 1, result.joined, result.rate,
							result.ready, inRedis, result.latency.getValueAtPercentile(50) / 1000.0,
							result.latency.getValueAtPercentile(99) / 1000.0,
							result.refusals.isEmpty() ? "" : " refused " + result.refusals,
							(result.ready < result.joined) ? "; sockets: " + clients.failures() : "");
				}
				if (measuring) {
					ready += result.ready;
					rates.add(result.rate);
					joinedInRedis += inRedis;
					result.refusals.forEach((reason, count) -> refusals.merge(reason, count, Integer::sum));
					serverCpu += cpu(realtime, sessions) - cpuBefore;
					sessionCpu += ProcStats.cpuSeconds(sessions.pid()) - sessionCpuBefore;
					joined += result.joined;
					clientCpu += clients.cpuTime().toNanos() / 1e9 - clientBefore;
				}
				sessions.end(session.id(), hostToken);
				clients.disconnectAll();
				realtime.deleteSession(session.id());
			}
		}
		List<Long> pids = List.of(realtime.pids().getFirst(), sessions.pid());
		Row row = new Row("joins", "vanguard", players, (int) (ready / Math.max(1, options.rounds())), options.rounds(),
				measured, warmup.getTotalCount() == 0 ? Double.NaN : warmup.getValueAtPercentile(99) / 1000.0, ready,
				(long) players * options.rounds(), serverCpu, Double.NaN,
				pids.stream().mapToInt(ProcStats::threads).sum(),
				Broadcast.mib(pids.stream().mapToLong(ProcStats::peakRssBytes).sum()), clientCpu,
				refusals.isEmpty() ? "" : "refused joins: " + refusals);
		List<String> notes = new ArrayList<>();
		if (failure != null) {
			notes.add(failure);
		}
		notes.add(String.format(Locale.ROOT,
				"session-service's join rate (joins answered 201 per second, first sent to last answered) in "
						+ "the measured storms: %s; offered: %,d/s.",
				rates.stream().map((rate) -> String.format(Locale.ROOT, "%,.0f/s", rate)).toList(),
				OFFERED_PER_SECOND));
		// what a join costs session-service, whatever else shares the cores: the rate
		// it could sustain alone is about the cores it gets divided by this
		notes.add(String.format(Locale.ROOT,
				"session-service's CPU per join answered in the measured storms: %.2f ms (user + system, from "
						+ "opening the session to the last socket ready, so work left over from a storm counts in the next; "
						+ "%,d joins, %.1f CPU s).",
				sessionCpu * 1000 / Math.max(1, joined), joined, sessionCpu));
		notes.add(String.format(Locale.ROOT,
				"%,d players join one session per storm, evenly within %d s, each through session-service "
						+ "(POST /api/sessions/pin/{pin}/players, own X-Real-IP from the benchmarking range "
						+ "198.18.0.0/15, so the per-address rate limit applies as in production) and then its "
						+ "socket on realtime-service. Latency: join request sent → catch-up frame arrived; "
						+ "delivered counts sockets ready. The HTTP join alone: p50 %.1f ms, p99 %.1f ms. "
						+ "Players in the session's Redis hash after the measured storms: %,d. Server CPU, RSS "
						+ "and threads are session-service plus realtime-service; warm-up storms have %,d players.",
				players, window(players).toSeconds(), http.getValueAtPercentile(50) / 1000.0,
				http.getValueAtPercentile(99) / 1000.0, joinedInRedis, Math.max(50, players / 10)));
		return new Report.Section("joins", List.of(row), notes);
	}

	private static Storm storm(VanguardTarget realtime, SessionService sessions, WsClients clients,
			SessionService.Created session, int size, Histogram http) throws InterruptedException {
		long[] startedAt = new long[size];
		int[] connection = new int[size];
		Arrays.fill(connection, -1);
		Map<String, Integer> refusals = new ConcurrentHashMap<>();
		AtomicInteger joined = new AtomicInteger();
		Histogram httpLatency = new Histogram(Broadcast.HIGHEST_MICROS, 3);
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		long spacing = window(size).toNanos() / size;
		AtomicLong lastAnswer = new AtomicLong(start);
		try (ExecutorService joiners = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < size; i++) {
				int player = i;
				long at = start + player * spacing;
				joiners.submit(() -> {
					long wait = at - System.nanoTime();
					if (wait > 0) {
						Thread.sleep(Duration.ofNanos(wait));
					}
					long sent = System.nanoTime();
					SessionService.Joined result = sessions.join(session.pin(), nickname(player), address(player));
					if (result.token() == null) {
						refusals.merge(result.refusal(), 1, Integer::sum);
						return null;
					}
					long answered = System.nanoTime();
					lastAnswer.accumulateAndGet(answered, Math::max);
					synchronized (httpLatency) {
						httpLatency.recordValue(Math.min((answered - sent) / 1000, Broadcast.HIGHEST_MICROS));
					}
					joined.incrementAndGet();
					int index = clients.connect(List.of(new WsClients.Endpoint(realtime.address(0),
							"/ws?token=" + URLEncoder.encode(result.token(), StandardCharsets.US_ASCII), null)));
					synchronized (startedAt) {
						startedAt[player] = sent;
						connection[player] = index;
					}
					return null;
				});
			}
		}
		clients.awaitReady(joined.get(), Duration.ofSeconds(30));
		long[] readyAt = clients.readyTimes();
		Histogram latency = new Histogram(Broadcast.HIGHEST_MICROS, 3);
		int ready = 0;
		synchronized (startedAt) {
			for (int player = 0; player < size; player++) {
				int index = connection[player];
				if (index >= 0 && index < readyAt.length && readyAt[index] != 0) {
					latency.recordValue(Math.min(Math.max(0, (readyAt[index] - startedAt[player]) / 1000),
							Broadcast.HIGHEST_MICROS));
					ready++;
				}
			}
		}
		if (http != null) {
			http.add(httpLatency);
		}
		// joins answered per second, from the first sent to the last answered: when
		// session-service keeps up, the rate offered; when it falls behind, its own
		double rate = joined.get() / Math.max(1e-9, (lastAnswer.get() - start) / 1e9);
		return new Storm(joined.get(), ready, latency, refusals, rate);
	}

	private static Duration window(int players) {
		return Duration.ofMillis(Math.max(1_000, players * 1_000L / OFFERED_PER_SECOND));
	}

	/**
	 * "Player " and the number in base 4 written with the digits 2, 6, 8 and 9: the
	 * nickname filter reads 0, 1, 3, 4, 5 and 7 as letters, and "Player 455" ("ass") or
	 * the like was refused once per storm.
	 */
	private static String nickname(int player) {
		String digits = Integer.toString(player, 4);
		StringBuilder name = new StringBuilder("Player ");
		for (char digit : digits.toCharArray()) {
			name.append("2689".charAt(digit - '0'));
		}
		return name.toString();
	}

	/** A client address from the benchmarking range (RFC 2544), one per player. */
	private static String address(int player) {
		return "198.18." + (player / 250) + "." + (player % 250 + 1);
	}

	private static double cpu(VanguardTarget realtime, SessionService sessions) {
		return Broadcast.serverCpu(realtime) + ProcStats.cpuSeconds(sessions.pid());
	}

	private record Storm(int joined, int ready, Histogram latency, Map<String, Integer> refusals, double rate) {
	}

}
