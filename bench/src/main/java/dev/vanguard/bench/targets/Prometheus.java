package dev.vanguard.bench.targets;

/** Reads values out of a Prometheus text exposition. */
public final class Prometheus {

	private Prometheus() {
	}

	/** The sum of every sample of {@code metric} whose labels contain {@code label}. */
	public static long sum(String exposition, String metric, String label) {
		double total = 0;
		for (String line : exposition.split("\n")) {
			if (line.startsWith(metric + "{") && line.contains(label)) {
				String value = line.substring(line.lastIndexOf(' ') + 1);
				total += Double.parseDouble(value);
			}
		}
		return (long) total;
	}

	/**
	 * The sum of every sample of {@code metric} whose labels contain {@code label},
	 * fractions kept (seconds).
	 */
	static double total(String exposition, String metric, String label) {
		double total = 0;
		for (String line : exposition.split("\n")) {
			if (line.startsWith(metric + "{") && line.contains(label)) {
				total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return total;
	}

	/** The sum of every sample of {@code metric}, whatever its labels. */
	static double sum(String exposition, String metric) {
		double total = 0;
		for (String line : exposition.split("\n")) {
			if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
				total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return total;
	}

}
