package dev.vanguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vanguard.bench.targets.ClickTarget;
import dev.vanguard.bench.targets.Gateway;
import dev.vanguard.bench.targets.LineTarget;
import dev.vanguard.bench.targets.SessionService;
import dev.vanguard.bench.targets.Target;
import dev.vanguard.bench.targets.VanguardTarget;

/**
 * The benchmark: starts the servers a case needs as child processes, measures, prints a
 * table per case and writes it into {@code docs/benchmarks.md}.
 *
 * <p>
 * Run through {@code bench/run} (or {@code ./vanguard bench}); {@link Options#USAGE}
 * lists the options.
 */
public final class Bench {

	/**
	 * Ports of the comparison servers: below the ephemeral range the clients connect
	 * from.
	 */
	static final int FLOOR_PORT = 19101;

	static final int SOCKETIO_PORT = 19103;

	/**
	 * realtime-service instances take this port and the next ones; the bench's JWKS
	 * follows them.
	 */
	static final int VANGUARD_PORT = 19111;

	static final int SESSION_PORT = 19121;

	/** The click case's gateway (nginx as ./vanguard up runs it). */
	static final int GATEWAY_PORT = 19131;

	static final List<Integer> CLICK_PLAYERS = List.of(100, 1_000, 2_000);

	static final List<Integer> FANOUT_PLAYERS = List.of(500, 1_000, 2_000, 5_000, 10_000);

	/** Issue 13: one game of 50,000 players across the instances. */
	static final List<Integer> HUGE_PLAYERS = List.of(50_000);

	static final List<Integer> SMOKE_PLAYERS = List.of(200);

	/** A process may open at most 20,000 files here; 19,000 leaves room for the rest. */
	static final List<Integer> CONNECTION_STEPS = List.of(1_000, 5_000, 10_000, 19_000);

	private final Options options;

	private final Machine machine = Machine.current();

	private boolean failed;

	Bench(Options options) {
		this.options = options;
	}

	public static void main(String[] args) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		try {
			Bench bench = new Bench(options);
			List<Report.Section> sections = bench.run();
			boolean complete = !bench.failed() && sections.stream()
				.flatMap((section) -> section.rows().stream())
				.allMatch((row) -> row.connected() == row.players());
			System.exit(complete ? 0 : 1);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(1);
		}
	}

	/**
	 * Runs every case of the options; prints and writes each case's section as it ends.
	 */
	List<Report.Section> run() throws IOException, InterruptedException {
		List<Report.Section> sections = new ArrayList<>();
		for (String scenario : this.options.scenarios()) {
			String load = this.machine.loadAverage();
			Progress.say("case %s (load average %s)", scenario, load);
			Report.Section section;
			try {
				section = runCase(scenario);
			}
			catch (IOException | RuntimeException ex) {
				// one broken case must not cost the others' results
				Progress.say("case %s failed: %s", scenario, ex);
				ex.printStackTrace();
				section = new Report.Section(scenario, List.of(), List.of("Failed: " + ex.getMessage()));
				this.failed = true;
			}
			sections.add(section);
			String block = Report.render(section, this.options, this.machine);
			System.out.println(block);
			if (this.options.writeDoc()) {
				Report.write(docPath(), List.of(block), List.of(scenario));
			}
		}
		return sections;
	}

	/** Whether a case failed outright. */
	boolean failed() {
		return this.failed;
	}

	private Report.Section runCase(String scenario) throws IOException, InterruptedException {
		return switch (scenario) {
			case "fanout" -> broadcast("fanout", this.options.playersOr(FANOUT_PLAYERS));
			case "smoke" -> broadcast("smoke", this.options.playersOr(SMOKE_PLAYERS));
			case "instances" -> instances();
			case "connections" -> connections();
			case "answers" -> answers();
			case "joins" -> joins();
			case "click" -> click();
			case "huge" -> huge();
			default -> throw new IllegalArgumentException("Unknown case " + scenario);
		};
	}

	/**
	 * Every N against every target, targets interleaved per N so they share the same
	 * noise.
	 */
	private Report.Section broadcast(String scenario, List<Integer> playerCounts)
			throws IOException, InterruptedException {
		Map<String, Target> targets = startTargets();
		try {
			for (Target target : targets.values()) {
				Broadcast.warmUpServer(scenario, target, this.options);
			}
			List<Row> rows = new ArrayList<>();
			for (int players : playerCounts) {
				for (Target target : targets.values()) {
					rows.add(Broadcast.measure(scenario, target, players, this.options));
				}
			}
			return new Report.Section(scenario, rows, List.of());
		}
		finally {
			targets.values().forEach(Target::close);
		}
	}

	/**
	 * One session spread over several instances, one publish per round, against the same
	 * audience on one instance in the same run (issue 13: the spread should cost
	 * nothing).
	 */
	private Report.Section instances() throws IOException, InterruptedException {
		int count = this.options.instances();
		List<Integer> perInstance = this.options.playersOr(List.of(1_000));
		List<Row> rows = new ArrayList<>();
		try (Target single = new NamedTarget("vanguard × 1",
				VanguardTarget.start(this.options.root(), 1, VANGUARD_PORT, logs()))) {
			Broadcast.warmUpServer("instances", single, this.options);
			for (int players : perInstance) {
				rows.add(Broadcast.measure("instances", single, players * count, this.options));
			}
		}
		try (Target spread = new NamedTarget("vanguard × " + count,
				VanguardTarget.start(this.options.root(), count, VANGUARD_PORT, logs()))) {
			Broadcast.warmUpServer("instances", spread, this.options);
			for (int players : perInstance) {
				rows.add(Broadcast.measure("instances", spread, players * count, this.options));
			}
		}
		List<String> notes = new ArrayList<>(List
			.of(count + " realtime-service instances sharing one queue and one Redis (vanguard × " + count
					+ "), clients spread round-robin, so N is " + count + " × the players per instance; vanguard × 1 "
					+ "is one instance with the same N, run just before. CPU, heap, RSS and threads are summed over "
					+ "the instances.",
					"Targets: 3 instances × 1,000 players, one publish: 100 % delivered, p99 ≤ 30 ms (DESIGN §5); "
							+ "p99 ≤ 1.2 × one instance with 3,000 players in the same run (issue 13)."));
		for (int i = 0; i < perInstance.size(); i++) {
			Row one = rows.get(i);
			Row spread = rows.get(perInstance.size() + i);
			notes.add(String.format(Locale.ROOT, "N=%,d: p99 vanguard × %d / vanguard × 1 = %.2f (target ≤ 1.2)",
					one.players(), count, spread.p99() / one.p99()));
		}
		return new Report.Section("instances", rows, notes);
	}

	/**
	 * One game of 50,000 players (issue 13) over the instances, the clients in several
	 * child JVMs.
	 */
	private Report.Section huge() throws IOException, InterruptedException {
		int count = this.options.instances();
		try (VanguardTarget target = VanguardTarget.start(this.options.root(), count, VANGUARD_PORT, logs())) {
			return Huge.measure(target, count, this.options.playersOr(HUGE_PLAYERS).getFirst(), this.options, logs());
		}
	}

	private Report.Section connections() throws IOException, InterruptedException {
		try (VanguardTarget target = VanguardTarget.start(this.options.root(), 1, VANGUARD_PORT, logs())) {
			return Connections.measure(target, this.options.playersOr(CONNECTION_STEPS), this.options);
		}
	}

	private Report.Section answers() throws IOException, InterruptedException {
		try (VanguardTarget target = VanguardTarget.start(this.options.root(), 1, VANGUARD_PORT, logs())) {
			return Answers.measure(target, this.options.playersOr(List.of(2_000)).getFirst(), this.options);
		}
	}

	/**
	 * session-service and realtime-service wired as in production: realtime trusts
	 * session's player tokens.
	 */
	private Report.Section joins() throws IOException, InterruptedException {
		try (VanguardTarget realtime = VanguardTarget.start(this.options.root(), 1, VANGUARD_PORT, logs(),
				"http://127.0.0.1:" + SESSION_PORT + "/api/sessions/.well-known/jwks.json");
				SessionService sessions = SessionService.start(this.options.root(), SESSION_PORT, realtime.exchange(),
						realtime.issuer(), logs())) {
			return JoinStorm.measure(realtime, sessions, this.options.playersOr(List.of(2_000)).getFirst(),
					this.options);
		}
	}

	/**
	 * The host's click to every phone through session-service and realtime-service,
	 * direct and through the gateway, with the floor (if among the targets) in the same
	 * run for comparison.
	 */
	private Report.Section click() throws IOException, InterruptedException {
		try (VanguardTarget realtime = VanguardTarget.start(this.options.root(), 1, VANGUARD_PORT, logs(),
				"http://127.0.0.1:" + SESSION_PORT + "/api/sessions/.well-known/jwks.json");
				SessionService sessions = SessionService.start(this.options.root(), SESSION_PORT, realtime.exchange(),
						realtime.issuer(), logs());
				Gateway gateway = Gateway.start(this.options.root(), GATEWAY_PORT, SESSION_PORT, VANGUARD_PORT,
						realtime.issuer().baseUrl().replace("http://", ""), logs())) {
			// one question per round (of a case or of the server warm-up), and one more
			// so
			// the last "next" still opens one
			String host = ClickTarget.host(realtime.issuer(),
					Math.max(Broadcast.SERVER_WARMUP_ROUNDS_PER_AUDIENCE, this.options.warmup() + this.options.rounds())
							+ 1);
			Map<String, Target> targets = new LinkedHashMap<>();
			try {
				if (this.options.targets().contains("floor")) {
					targets.put("floor", LineTarget.floor(FLOOR_PORT, FLOOR_PORT + 1, logs()));
				}
				targets.put("direct", new ClickTarget(realtime, sessions, null, host, this.options.warmup()));
				targets.put("gateway", new ClickTarget(realtime, sessions, gateway, host, this.options.warmup()));
				// direct and gateway share their servers: warmed once (nginx has no JIT)
				for (Map.Entry<String, Target> target : targets.entrySet()) {
					if (!target.getKey().equals("gateway")) {
						Broadcast.warmUpServer("click", target.getValue(), this.options);
					}
				}
				List<Row> rows = new ArrayList<>();
				for (int players : this.options.playersOr(CLICK_PLAYERS)) {
					for (Target target : targets.values()) {
						rows.add(Broadcast.measure("click", target, players, this.options));
					}
				}
				return new Report.Section("click", rows, List.of(
						"vanguard direct: the host's POST /api/sessions/{id}/start (round 1), then /next (after a "
								+ "/reveal), sent to session-service; latency runs from sending it to the question "
								+ "frame at each player's socket on realtime-service. The players joined through "
								+ "session-service's REST join first. vanguard gateway: the same with the host's "
								+ "requests and the sockets through nginx as ./vanguard up runs it "
								+ "(deploy/nginx/local/nginx.conf and the template). floor: the bare-NIO server's "
								+ "broadcast in the same run. CPU, RSS and threads are realtime-service plus "
								+ "session-service (plus nginx through the gateway); heap is realtime-service's.",
						"Target (issue 13): click → frame at every phone p99 ≤ floor p99 + 5 ms direct, ≤ 1.3 × "
								+ "direct through the gateway; click received → frame prepared median ≤ 3 ms, "
								+ "p99 ≤ 8 ms."));
			}
			finally {
				targets.values().forEach(Target::close);
			}
		}
	}

	private Path logs() {
		return this.options.root().resolve("bench/target/logs");
	}

	private Map<String, Target> startTargets() throws IOException, InterruptedException {
		Map<String, Target> targets = new LinkedHashMap<>();
		Path logs = logs();
		try {
			for (String name : this.options.targets()) {
				Progress.say("starting %s", name);
				switch (name) {
					case "floor" -> targets.put(name, LineTarget.floor(FLOOR_PORT, FLOOR_PORT + 1, logs));
					case "socketio" ->
						targets.put(name, LineTarget.socketIo(this.options.root().resolve("bench/socketio-peer"),
								SOCKETIO_PORT, SOCKETIO_PORT + 1, logs));
					case "vanguard" ->
						targets.put(name, VanguardTarget.start(this.options.root(), 1, VANGUARD_PORT, logs));
					default -> throw new IllegalArgumentException("Unknown target " + name);
				}
			}
			return targets;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			targets.values().forEach(Target::close);
			throw ex;
		}
	}

	private Path docPath() {
		Path doc = this.options.root().resolve("docs/benchmarks.md");
		if (!Files.isDirectory(doc.getParent())) {
			Progress.say("creating %s", doc.getParent());
		}
		return doc;
	}

}
