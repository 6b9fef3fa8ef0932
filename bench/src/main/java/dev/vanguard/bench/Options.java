package dev.vanguard.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of {@link Bench}.
 *
 * @param scenarios the cases to run, in order ({@code standard} expanded)
 * @param players audience sizes; empty means each case's own defaults
 * @param rounds measured rounds per (case, target, N)
 * @param warmup warm-up rounds, run first and reported apart
 * @param serverWarmup broadcasts to a small audience each server target handles once,
 * right after it started and before any case's rounds, nothing recorded (see
 * {@link Broadcast#warmUpServer})
 * @param targets the servers to compare
 * @param instances realtime-service instances in the {@code instances} and {@code huge}
 * cases
 * @param root the repository root (where {@code realtime-service/target} and
 * {@code docs/} are)
 * @param writeDoc whether to write the tables into {@code docs/benchmarks.md}
 * @param command the command line to print in the report
 */
public record Options(List<String> scenarios, List<Integer> players, int rounds, int warmup, int serverWarmup,
		List<String> targets, int instances, Path root, boolean writeDoc, String command) {

	static final List<String> STANDARD = List.of("fanout", "click", "instances", "connections", "answers", "joins");

	/** Cases run only when named: the smoke test's, and the 50,000-player game. */
	static final List<String> EXTRA = List.of("smoke", "huge");

	static final List<String> ALL_TARGETS = List.of("vanguard", "floor", "socketio");

	static final String USAGE = """
			usage: bench [--case fanout|click|instances|connections|answers|joins|huge|smoke|standard[,…]]
			             [--players N[,N…]] [--rounds 5] [--warmup 2] [--server-warmup 1000]
			             [--targets vanguard,floor,socketio] [--instances 3]
			             [--root DIR] [--no-doc]
			""";

	public Options {
		scenarios = List.copyOf(scenarios);
		players = List.copyOf(players);
		targets = List.copyOf(targets);
	}

	public static Options parse(String... args) {
		List<String> scenarios = new ArrayList<>();
		List<Integer> players = new ArrayList<>();
		int rounds = 5;
		int warmup = 2;
		int serverWarmup = 1_000;
		List<String> targets = ALL_TARGETS;
		int instances = 3;
		Path root = Path.of(".");
		boolean writeDoc = true;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--case" -> {
					for (String scenario : value(args, ++i).split(",")) {
						if (scenario.equals("standard")) {
							scenarios.addAll(STANDARD);
						}
						else if (STANDARD.contains(scenario) || EXTRA.contains(scenario)) {
							scenarios.add(scenario);
						}
						else {
							throw new IllegalArgumentException("Unknown case " + scenario + "\n" + USAGE);
						}
					}
				}
				case "--players" -> Arrays.stream(value(args, ++i).split(","))
					.map((n) -> Integer.parseInt(n.replace("_", "")))
					.forEach(players::add);
				case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
				case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
				case "--server-warmup" -> serverWarmup = Integer.parseInt(value(args, ++i));
				case "--targets" -> {
					targets = List.of(value(args, ++i).split(","));
					for (String target : targets) {
						if (!ALL_TARGETS.contains(target)) {
							throw new IllegalArgumentException("Unknown target " + target + "\n" + USAGE);
						}
					}
				}
				case "--instances" -> instances = Integer.parseInt(value(args, ++i));
				case "--root" -> root = Path.of(value(args, ++i));
				case "--no-doc" -> writeDoc = false;
				case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
				default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
			}
		}
		if (scenarios.isEmpty()) {
			scenarios.addAll(STANDARD);
		}
		if (rounds < 1 || warmup < 0 || serverWarmup < 0) {
			throw new IllegalArgumentException("--rounds must be at least 1, --warmup and --server-warmup at least 0");
		}
		String command = System.getenv().getOrDefault("BENCH_COMMAND", "bench/run " + String.join(" ", args)).strip();
		return new Options(scenarios, players, rounds, warmup, serverWarmup, targets, instances,
				root.toAbsolutePath().normalize(), writeDoc && !scenarios.equals(List.of("smoke")), command);
	}

	/** The audience sizes for a case: the ones given, or the case's defaults. */
	List<Integer> playersOr(List<Integer> defaults) {
		return this.players.isEmpty() ? defaults : this.players;
	}

	private static String value(String[] args, int i) {
		if (i >= args.length) {
			throw new IllegalArgumentException("Missing value for " + args[i - 1] + "\n" + USAGE);
		}
		return args[i];
	}

}
