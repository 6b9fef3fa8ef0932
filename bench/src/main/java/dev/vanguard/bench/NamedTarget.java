package dev.vanguard.bench;

import java.io.IOException;
import java.util.List;

import dev.vanguard.bench.client.WsClients;
import dev.vanguard.bench.targets.Target;

/**
 * A target under another name in the tables, so two set-ups of the same server (one
 * instance, three instances) can stand side by side in one case.
 */
record NamedTarget(String name, Target target) implements Target {

	@Override
	public WsClients.Dialect dialect() {
		return this.target.dialect();
	}

	@Override
	public WsClients.ReadyWhen readyWhen() {
		return this.target.readyWhen();
	}

	@Override
	public List<WsClients.Endpoint> prepare(int players) throws IOException {
		return this.target.prepare(players);
	}

	@Override
	public List<String> markers(int round) {
		return this.target.markers(round);
	}

	@Override
	public long trigger(int round) throws IOException {
		return this.target.trigger(round);
	}

	@Override
	public void afterRound(int round) throws IOException {
		this.target.afterRound(round);
	}

	@Override
	public void finish() throws IOException {
		this.target.finish();
	}

	@Override
	public String serverShareMeaning() {
		return this.target.serverShareMeaning();
	}

	@Override
	public String measuredNote() {
		return this.target.measuredNote();
	}

	@Override
	public List<Long> pids() {
		return this.target.pids();
	}

	@Override
	public long heapBytes() {
		return this.target.heapBytes();
	}

	@Override
	public void close() {
		this.target.close();
	}

}
