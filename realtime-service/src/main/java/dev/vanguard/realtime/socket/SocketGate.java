package dev.vanguard.realtime.socket;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.fanout.LocalSessions;
import dev.vanguard.realtime.protocol.CloseCode;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether this instance takes new sockets: only while it can deliver to them. The
 * lifecycle runs, at start-up: Redis fan-out ({@link LocalSessions#PHASE}), then the web
 * server, then this gate opens; before it opens, an upgrade gets 503, so no socket ever
 * meets a fan-out that has not started. On shutdown, after the event consumer has stopped
 * (and finished and acknowledged what it had in hand), the gate closes (new upgrades get
 * 503 again, which the gateway passes on to another instance), every client is told to go
 * away (1001) so that it reconnects to another instance at once, and the gate waits
 * briefly for the sockets to close; then the web server's graceful shutdown runs, and the
 * fan-out stops last.
 */
@Component
class SocketGate implements SmartLifecycle {

	/**
	 * After the web server starts, before its graceful shutdown; below the listener
	 * container's phase, so the consumer stops first.
	 */
	static final int PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 512;

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(SocketGate.class);

	private final LocalSessions sessions;

	private final RealtimeMetrics metrics;

	private volatile boolean open;

	SocketGate(LocalSessions sessions, RealtimeMetrics metrics) {
		this.sessions = sessions;
		this.metrics = metrics;
	}

	/** Whether a new socket may be upgraded now. */
	boolean admits() {
		return this.open && this.sessions.isRunning();
	}

	@Override
	public void start() {
		this.open = true;
	}

	@Override
	public void stop() {
		this.open = false;
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
		return this.open;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
