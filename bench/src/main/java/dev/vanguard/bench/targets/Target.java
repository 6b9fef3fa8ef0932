package dev.vanguard.bench.targets;

import java.io.IOException;
import java.util.List;

import dev.vanguard.bench.client.WsClients;

/**
 * A server under test. The harness asks it for N client endpoints, arms the clients with
 * the round's markers, triggers a broadcast and waits for the frames; the target knows
 * how to start itself, how to trigger and what the frame of round r looks like.
 */
public interface Target extends AutoCloseable {

	/** The name in the tables: {@code vanguard}, {@code floor} or {@code socketio}. */
	String name();

	WsClients.Dialect dialect();

	WsClients.ReadyWhen readyWhen();

	/**
	 * Prepares an audience of {@code players} (a session, tokens) and says where they
	 * connect.
	 */
	List<WsClients.Endpoint> prepare(int players) throws IOException;

	/**
	 * Strings that every client's frame of this round contains, and no other frame does.
	 */
	List<String> markers(int round);

	/**
	 * Sends round {@code round}'s broadcast.
	 * @return the nanoTime just before the publish, where latency counts from
	 */
	long trigger(int round) throws IOException;

	/** Whatever follows a round's broadcast (reading a reply, closing the question). */
	void afterRound(int round) throws IOException;

	/** Forgets the audience prepared last (its clients are already gone). */
	void finish() throws IOException;

	/**
	 * What the share measured from the first frame's {@code createdAt} and
	 * {@code serverTime} means for this target.
	 */
	default String serverShareMeaning() {
		return "publish → frame prepared on the server (the frame's serverTime − createdAt, ms, "
				+ "first frame of each measured round)";
	}

	/** What the target itself saw of the measured rounds, for the row's notes. */
	default String measuredNote() {
		return "";
	}

	/** The server processes whose CPU and threads are reported. */
	List<Long> pids();

	/** Heap in use now, summed over the server processes, in bytes (-1 if unknown). */
	long heapBytes();

	@Override
	void close();

}
