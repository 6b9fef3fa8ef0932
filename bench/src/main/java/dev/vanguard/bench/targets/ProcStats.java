package dev.vanguard.bench.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel knows about a process: CPU time, thread count and peak resident set,
 * read the same way for a JVM, Node and the bench itself.
 */
public final class ProcStats {

	/**
	 * Linux reports utime and stime in clock ticks of 1/100 s on this kind of machine.
	 */
	private static final double TICKS_PER_SECOND = 100.0;

	private ProcStats() {
	}

	/** User plus system CPU seconds the process used so far. */
	public static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// the command name may hold spaces; fields are counted after its closing
			// paren
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long utime = Long.parseLong(fields[11]);
			long stime = Long.parseLong(fields[12]);
			return (utime + stime) / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	public static int threads(long pid) {
		return (int) status(pid, "Threads:");
	}

	/** Peak resident set size in bytes (VmHWM). */
	public static long peakRssBytes(long pid) {
		return status(pid, "VmHWM:") * 1024;
	}

	private static long status(long pid, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the process is gone
		}
		return -1;
	}

}
