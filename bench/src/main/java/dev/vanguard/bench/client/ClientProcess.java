package dev.vanguard.bench.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.HdrHistogram.Histogram;

/**
 * A child JVM of the bench holding its share of a very large audience: one process may
 * open at most 20,000 files here, so 50,000 players need several. It runs one
 * {@link WsClients} (plain WebSocket, ready as its one argument says, a
 * {@link WsClients.ReadyWhen}) and obeys the parent ({@link ClientProcesses}) line by
 * line on standard input, answering on standard output:
 *
 * <ul>
 * <li>{@code endpoint <host>:<port> <path>} — one more client to open (no answer);</li>
 * <li>{@code connect} — opens them all; {@code ok};</li>
 * <li>{@code ready <count> <timeout ms>} — {@code ready <ready> <closed> <failures>} once
 * {@code count} are ready (or time's up);</li>
 * <li>{@code arm <marker>\t<marker>…} — arms the round; {@code armed};</li>
 * <li>{@code collect <published nanoTime> <timeout ms>} — waits until every armed client
 * has its frame or the time-out, then {@code round <delivered> <histogram>}, the latency
 * (arrival − published, µs) as HdrHistogram's compressed encoding in Base64, followed by
 * {@code match <first matching frame>};</li>
 * <li>{@code cpu} — {@code cpu <ns>}, the selector thread's CPU time so far;</li>
 * <li>{@code disconnect} — closes every client; {@code ok}.</li>
 * </ul>
 *
 * <p>
 * Arrival times and the parent's publish time are both {@link System#nanoTime()}: on
 * Linux that is {@code CLOCK_MONOTONIC}, one clock for every process of the machine, so
 * no calibration is involved. Progress and errors go to standard error (the parent's log
 * file).
 */
public final class ClientProcess {

	/** Longest latency the histograms hold, in microseconds (as the parent's). */
	public static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

	private final WsClients clients;

	private final List<WsClients.Endpoint> endpoints = new ArrayList<>();

	private final PrintStream out;

	private CompletableFuture<Integer> armed = CompletableFuture.completedFuture(0);

	private ClientProcess(WsClients clients, PrintStream out) {
		this.clients = clients;
		this.out = out;
	}

	public static void main(String[] args) throws IOException {
		PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
		WsClients.ReadyWhen readyWhen = WsClients.ReadyWhen.valueOf(args[0]);
		try (WsClients clients = new WsClients(WsClients.Dialect.PLAIN, readyWhen);
				BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			ClientProcess process = new ClientProcess(clients, out);
			String line;
			while ((line = in.readLine()) != null) {
				process.obey(line);
				out.flush();
			}
		}
	}

	private void obey(String line) {
		int space = line.indexOf(' ');
		String command = (space < 0) ? line : line.substring(0, space);
		String rest = (space < 0) ? "" : line.substring(space + 1);
		switch (command) {
			case "endpoint" -> {
				String[] words = rest.split(" ", 2);
				int colon = words[0].lastIndexOf(':');
				this.endpoints.add(new WsClients.Endpoint(new InetSocketAddress(words[0].substring(0, colon),
						Integer.parseInt(words[0].substring(colon + 1))), words[1], null));
			}
			case "connect" -> {
				this.clients.connect(List.copyOf(this.endpoints));
				this.endpoints.clear();
				this.out.println("ok");
			}
			case "ready" -> {
				String[] words = rest.split(" ");
				int ready;
				try {
					ready = this.clients.awaitReady(Integer.parseInt(words[0]),
							Duration.ofMillis(Long.parseLong(words[1])));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					ready = this.clients.readyCount();
				}
				this.out.println("ready " + ready + " " + this.clients.closedCount() + " "
						+ this.clients.failures().toString().replace('\n', ' '));
			}
			case "arm" -> {
				this.armed = this.clients.arm(List.of(rest.split("\t")));
				this.out.println("armed");
			}
			case "collect" -> {
				String[] words = rest.split(" ");
				collect(Long.parseLong(words[0]), Long.parseLong(words[1]));
			}
			case "cpu" -> this.out.println("cpu " + this.clients.cpuTime().toNanos());
			case "disconnect" -> {
				this.clients.disconnectAll();
				this.out.println("ok");
			}
			default -> this.out.println("error unknown command " + command);
		}
	}

	private void collect(long publishedAt, long timeoutMillis) {
		try {
			this.armed.get(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// the round is over; what did not arrive counts as not delivered
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			System.err.println("round failed: " + ex.getCause());
		}
		Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
		for (long arrival : this.clients.arrivals()) {
			if (arrival != 0) {
				histogram.recordValue(Math.min(Math.max(0, (arrival - publishedAt) / 1000), HIGHEST_MICROS));
			}
		}
		ByteBuffer encoded = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
		int length = histogram.encodeIntoCompressedByteBuffer(encoded);
		String base64 = Base64.getEncoder().encodeToString(Arrays.copyOf(encoded.array(), length));
		this.out.println("round " + histogram.getTotalCount() + " " + base64);
		String first = this.clients.firstMatch();
		this.out.println("match " + ((first == null) ? "" : first.replace('\n', ' ')));
	}

}
