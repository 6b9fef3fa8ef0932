package dev.vanguard.bench.targets;

import java.io.IOException;
import java.nio.file.DirectoryStream;
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
			return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/** utime + stime of a process's or thread's {@code stat} line, in seconds. */
	private static double ticks(String stat) {
		// the command name may hold spaces; fields are counted after its closing paren
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long utime = Long.parseLong(fields[11]);
		long stime = Long.parseLong(fields[12]);
		return (utime + stime) / TICKS_PER_SECOND;
	}

	/**
	 * CPU seconds the process's JIT compiler threads (HotSpot's "C1 CompilerThread" and
	 * "C2 CompilerThread") used so far; 0 for a process that has none (Node).
	 */
	public static double compilerCpuSeconds(long pid) {
		double seconds = 0;
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks) {
				String stat = Files.readString(task.resolve("stat"));
				String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
					seconds += ticks(stat);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the process or a thread is gone: what was read counts
		}
		return seconds;
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
