package dev.vanguard.bench;

import org.HdrHistogram.Histogram;

/**
 * One line of a result table: a case, a target and an audience size, with latency
 * percentiles (milliseconds) over the measured rounds and what the server and the client
 * spent on them.
 *
 * @param scenario the case ({@code fanout}, {@code instances}, …)
 * @param target the server ({@code vanguard}, {@code floor}, {@code socketio})
 * @param players clients in the audience
 * @param connected clients that connected
 * @param rounds measured rounds
 * @param latency latency in microseconds over the measured rounds
 * @param warmupP99Millis p99 of the warm-up rounds, reported apart
 * @param delivered frames that arrived in the measured rounds
 * @param expected frames that should have arrived ({@code players × rounds})
 * @param serverCpuSeconds CPU of the server processes during the measured rounds
 * @param heapMiB the largest heap in use seen on the server side
 * @param threads server threads after the rounds
 * @param rssMiB peak resident set of the server processes
 * @param clientCpuSeconds CPU of the client selector thread during the measured rounds
 * @param note anything the reader must know (failures, what the rounds measured)
 */
record Row(String scenario, String target, int players, int connected, int rounds, Histogram latency,
		double warmupP99Millis, long delivered, long expected, double serverCpuSeconds, double heapMiB, int threads,
		double rssMiB, double clientCpuSeconds, String note) {

	double p50() {
		return millis(50);
	}

	double p90() {
		return millis(90);
	}

	double p99() {
		return millis(99);
	}

	double max() {
		return (this.latency.getTotalCount() == 0) ? Double.NaN : this.latency.getMaxValue() / 1000.0;
	}

	double deliveredPercent() {
		return (this.expected == 0) ? Double.NaN : 100.0 * this.delivered / this.expected;
	}

	private double millis(double percentile) {
		return (this.latency.getTotalCount() == 0) ? Double.NaN
				: this.latency.getValueAtPercentile(percentile) / 1000.0;
	}

}
