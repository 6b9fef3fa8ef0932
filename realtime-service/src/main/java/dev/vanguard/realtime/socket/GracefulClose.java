package dev.vanguard.realtime.socket;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.fanout.LocalSessions;
import dev.vanguard.realtime.protocol.CloseCode;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, after the event consumer has stopped (and finished and acknowledged what
 * it had in hand), tells every client to go away (1001), so they reconnect to another
 * instance at once, and waits briefly for the sockets to close before the web server's
 * own graceful shutdown runs.
 */
@Component
class GracefulClose implements SmartLifecycle {

	/** After the listener container (which stops first), before the web server. */
	static final int PHASE = Integer.MAX_VALUE - 512;

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(GracefulClose.class);

	private final LocalSessions sessions;

	private final RealtimeMetrics metrics;

	private volatile boolean running;

	GracefulClose(LocalSessions sessions, RealtimeMetrics metrics) {
		this.sessions = sessions;
		this.metrics = metrics;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		int open = this.metrics.activeConnections();
		logger.info("Closing {} sockets (going away)", open);
		this.sessions.closeAll(CloseCode.GOING_AWAY);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (this.metrics.activeConnections() > 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
