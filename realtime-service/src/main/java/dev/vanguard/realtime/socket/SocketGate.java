package dev.vanguard.realtime.socket;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.fanout.LocalSessions;
import dev.vanguard.realtime.protocol.CloseCode;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether this instance takes new sockets: only while it can deliver to them. The
 * lifecycle runs, at start-up: Redis fan-out ({@link LocalSessions#PHASE}), then the web
 * server, then this gate opens; before it opens, an upgrade gets 503, so no socket ever
 * meets a fan-out that has not started. On shutdown, new upgrades get 503 from the moment
 * the context starts closing (the gateway passes them on to another instance), so no
 * phone is taken in only to be sent away; the open sockets keep their frames while the
 * event consumer stops (and finishes and acknowledges what it had in hand); then every
 * client is told to go away (1001) so that it reconnects to another instance at once, and
 * the gate waits briefly for the sockets to close; then the web server's graceful
 * shutdown runs, and the fan-out stops last.
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

	private final ApplicationContext context;

	/**
	 * Between start and stop: the sockets it let in are told to go away when it stops.
	 */
	private volatile boolean running;

	/** Whether new upgrades are let in: from start until the context starts closing. */
	private volatile boolean admitting;

	SocketGate(LocalSessions sessions, RealtimeMetrics metrics, ApplicationContext context) {
		this.sessions = sessions;
		this.metrics = metrics;
		this.context = context;
	}

	/** Whether a new socket may be upgraded now. */
	boolean admits() {
		return this.admitting && this.sessions.isRunning();
	}

	@Override
	public void start() {
		this.running = true;
		this.admitting = true;
	}

	/**
	 * The context starts closing (before any lifecycle stops): new upgrades get 503 from
	 * now on, while the open sockets stay until {@link #stop()}.
	 */
	@EventListener
	void refuseNewSockets(ContextClosedEvent event) {
		// a child context (a management server of its own) closing is not this one
		if (event.getApplicationContext() == this.context) {
			this.admitting = false;
		}
	}

	@Override
	public void stop() {
		this.admitting = false;
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
