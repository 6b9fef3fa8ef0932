package dev.vanguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the report says about the machine: cores, CPU model, memory, and how busy it was.
 */
record Machine(int cores, String model, long memoryGiB) {

	static Machine current() {
		String model = "unknown CPU";
		long memoryKiB = 0;
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					model = line.substring(line.indexOf(':') + 1).trim();
					break;
				}
			}
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					memoryKiB = Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// report what could be read
		}
		return new Machine(Runtime.getRuntime().availableProcessors(), model,
				Math.round(memoryKiB / (1024.0 * 1024.0)));
	}

	String describe() {
		return String.format(Locale.ROOT, "%d cores (%s), %d GiB, Java %s", this.cores, this.model, this.memoryGiB,
				Runtime.version());
	}

	/** The 1-minute load average now: another build running alongside shows up here. */
	String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

}
