package dev.vanguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns rows into the Markdown tables that are printed and written into
 * {@code docs/benchmarks.md}. Each case owns a block between HTML comment markers, so a
 * run of one case replaces that case's last result and leaves the rest of the page (the
 * prose, the other cases) alone.
 */
final class Report {

	private static final String DOC_HEADER = """
			# Benchmarks

			Produced by `./vanguard bench` (the `bench` module, `dev.vanguard.bench.Bench`). Each
			section below is rewritten by the run that produced it, with the machine, the date
			and the exact command. How the numbers are taken and what they mean:
			[How to read these tables](#how-to-read-these-tables).

			""";

	private Report() {
	}

	/** A case's result: its rows and the lines of prose it adds under the table. */
	record Section(String scenario, List<Row> rows, List<String> notes) {

		Section {
			rows = List.copyOf(rows);
			notes = List.copyOf(notes);
		}

	}

	static String render(Section section, Options options, Machine machine) {
		StringBuilder out = new StringBuilder();
		out.append("### ").append(section.scenario()).append("\n\n");
		out.append("Run ")
			.append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
			.append(" on ")
			.append(machine.describe())
			.append(", load average before the case ")
			.append(machine.loadAverage())
			.append(".\n\nCommand: `")
			.append(options.command())
			.append("` (")
			.append(options.warmup())
			.append(" warm-up rounds reported apart, ")
			.append(options.rounds())
			.append(" measured rounds)\n\n");
		out.append("| case | target | N | connected | p50 ms | p90 ms | p99 ms | max ms | warm-up p99 ms | delivered "
				+ "| server CPU s | heap MiB | RSS MiB | threads | client CPU s |\n");
		out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		for (Row row : section.rows()) {
			out.append(String.format(Locale.ROOT,
					"| %s | %s | %,d | %,d | %s | %s | %s | %s | %s | %,d/%,d (%s %%) | %s | %s | %s | %d | %s |%n",
					row.scenario(), row.target(), row.players(), row.connected(), number(row.p50()), number(row.p90()),
					number(row.p99()), number(row.max()), number(row.warmupP99Millis()), row.delivered(),
					row.expected(), percent(row.deliveredPercent()), number(row.serverCpuSeconds()),
					number(row.heapMiB()), number(row.rssMiB()), row.threads(), number(row.clientCpuSeconds())));
		}
		String ratios = ratios(section.rows());
		if (!ratios.isEmpty()) {
			out.append('\n').append(ratios);
		}
		List<String> notes = new ArrayList<>(section.notes());
		for (Row row : section.rows()) {
			if (row.note() != null && !row.note().isBlank()) {
				notes.add(row.target() + " N=" + row.players() + ": " + row.note());
			}
		}
		if (!notes.isEmpty()) {
			out.append('\n');
			for (String note : notes) {
				out.append("- ").append(note).append('\n');
			}
		}
		return out.toString();
	}

	/** p99 of vanguard over the floor's and over Socket.IO's, per N (DESIGN §5). */
	static String ratios(List<Row> rows) {
		Map<Integer, Map<String, Double>> p99 = new LinkedHashMap<>();
		for (Row row : rows) {
			p99.computeIfAbsent(row.players(), (n) -> new LinkedHashMap<>()).put(row.target(), row.p99());
		}
		StringBuilder out = new StringBuilder();
		for (int n : new TreeSet<>(p99.keySet())) {
			Map<String, Double> byTarget = p99.get(n);
			Double vanguard = byTarget.get("vanguard");
			if (vanguard == null || byTarget.size() < 2) {
				continue;
			}
			if (out.isEmpty()) {
				out.append("| N | vanguard p99 ms | floor p99 ms | socketio p99 ms | vanguard/floor (target ≤ 1.2) "
						+ "| vanguard/socketio (target ≤ 0.8) |\n|--:|--:|--:|--:|--:|--:|\n");
			}
			Double floor = byTarget.getOrDefault("floor", Double.NaN);
			Double socketIo = byTarget.getOrDefault("socketio", Double.NaN);
			out.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s |%n", n, number(vanguard),
					number(floor), number(socketIo), ratio(vanguard, floor), ratio(vanguard, socketIo)));
		}
		return out.toString();
	}

	/** Replaces (or adds) each section's block in the document. */
	static void write(Path doc, List<String> blocks, List<String> scenarios) throws IOException {
		String text = Files.exists(doc) ? Files.readString(doc) : DOC_HEADER;
		for (int i = 0; i < blocks.size(); i++) {
			String begin = "<!-- bench:" + scenarios.get(i) + ":begin -->";
			String end = "<!-- bench:" + scenarios.get(i) + ":end -->";
			String block = begin + "\n" + blocks.get(i) + end;
			int from = text.indexOf(begin);
			int to = text.indexOf(end);
			if (from >= 0 && to > from) {
				text = text.substring(0, from) + block + text.substring(to + end.length());
			}
			else {
				text = text.stripTrailing() + "\n\n" + block + "\n";
			}
		}
		Files.createDirectories(doc.getParent());
		Files.writeString(doc, text);
	}

	private static String ratio(Double value, Double base) {
		if (value == null || base == null || base.isNaN() || value.isNaN() || base == 0) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.2f", value / base);
	}

	private static String number(double value) {
		if (Double.isNaN(value) || value < 0) {
			return "–";
		}
		return (value >= 100) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
	}

	private static String percent(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
	}

}
