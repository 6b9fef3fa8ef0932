package dev.vanguard.realtime.socket;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidTypeIdException;

import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.RealtimeProperties;
import dev.vanguard.realtime.connection.ClientSocket;
import dev.vanguard.realtime.connection.Principal;
import dev.vanguard.realtime.fanout.LocalSessions;
import dev.vanguard.realtime.game.Answers;
import dev.vanguard.realtime.protocol.ClientFrame;
import dev.vanguard.realtime.protocol.CloseCode;
import dev.vanguard.realtime.protocol.ErrorCode;
import dev.vanguard.realtime.protocol.FrameCodec;
import dev.vanguard.realtime.protocol.ServerFrame;
import dev.vanguard.realtime.store.SessionStore;

import org.springframework.stereotype.Component;

/**
 * The life of one admitted socket: joins its session's fan-out, announces itself (so an
 * older socket of the same player or host closes), counts the player online, sends the
 * catch-up, then reads client frames until the socket closes. Reading happens on the
 * socket's event loop; nothing here blocks it.
 */
@Component
class ConnectionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionHandler.class);

	private final LocalSessions sessions;

	private final SessionStore store;

	private final Answers answers;

	private final FrameCodec codec;

	private final RealtimeMetrics metrics;

	private final RealtimeProperties properties;

	private final ClientSocket.Limits limits;

	ConnectionHandler(LocalSessions sessions, SessionStore store, Answers answers, FrameCodec codec,
			RealtimeMetrics metrics, RealtimeProperties properties) {
		this.sessions = sessions;
		this.store = store;
		this.answers = answers;
		this.codec = codec;
		this.metrics = metrics;
		this.properties = properties;
		this.limits = new ClientSocket.Limits(properties.sendQueueCapacity(), properties.writeStallTimeout().toNanos(),
				properties.closeGrace().toNanos());
	}

	Publisher<Void> handle(WebsocketInbound in, WebsocketOutbound out, Principal principal) {
		reactor.netty.Connection[] transport = new reactor.netty.Connection[1];
		in.withConnection((c) -> transport[0] = c);
		ClientSocket connection = new ClientSocket(principal, transport[0].channel(), out, this.codec, this.metrics,
				this.limits);
		this.metrics.connectionOpened();
		transport[0].addHandlerLast("vanguard-writability", new WritabilityListener(connection));
		transport[0].onReadIdle(this.properties.idleTimeout().toMillis(),
				() -> connection.close(CloseCode.IDLE_TIMEOUT));
		transport[0].onWriteIdle(this.properties.pingInterval().toMillis(), connection::ping);
		// 0 nothing yet, 1 counted online, 2 gone (undo the count if it lands late)
		AtomicInteger online = new AtomicInteger();
		transport[0].onDispose(() -> {
			connection.disposed();
			this.sessions.leave(connection);
			this.metrics.connectionClosed();
			if (online.getAndSet(2) == 1) {
				changeOnline(principal, -1).subscribe();
			}
		});
		this.sessions.join(connection)
			.then(this.store.publish(principal.sessionId(), announcement(connection)))
			.then(principal.isHost() ? Mono.empty() : changeOnline(principal, 1).doOnSuccess((v) -> {
				if (!online.compareAndSet(0, 1)) {
					changeOnline(principal, -1).subscribe();
				}
			}))
			.then(this.sessions.catchUp(connection))
			// No state any more: the session's keys expired while the socket opened.
			.switchIfEmpty(Mono.<ServerFrame.Catchup>fromRunnable(() -> connection.close(CloseCode.UNKNOWN_SESSION)))
			.subscribe((catchup) -> {
				if ("ENDED".equals(catchup.status())) {
					connection.closeAfterPending(CloseCode.SESSION_OVER);
				}
			}, (ex) -> {
				logger.warn("Could not set up a socket of session {}", principal.sessionId(), ex);
				connection.close(CloseCode.INTERNAL_ERROR);
			});
		Bucket bucket = floodLimit(this.properties.rateLimit());
		return in.aggregateFrames(this.properties.maxFrameBytes())
			.receiveFrames()
			.doOnNext((frame) -> onFrame(connection, bucket, frame))
			.then();
	}

	private Mono<Void> changeOnline(Principal principal, int delta) {
		return this.store.online(principal.sessionId(), principal.id(), delta).onErrorResume((ex) -> {
			logger.debug("Could not count player {} online", principal.id(), ex);
			return Mono.empty();
		});
	}

	private String announcement(ClientSocket connection) {
		return "{\"announce\":{\"principal\":\"" + connection.principal().id() + "\",\"connection\":\""
				+ connection.id() + "\"}}";
	}

	/**
	 * The connection's own limit on client frames, held on this instance (a connection
	 * lives on one). Only the connection's event loop touches it, so it needs no
	 * synchronisation.
	 */
	private static Bucket floodLimit(RealtimeProperties.RateLimit limit) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(limit.burst())
				.refillGreedy(limit.perSecond(), Duration.ofSeconds(1))
				.build())
			.withSynchronizationStrategy(SynchronizationStrategy.NONE)
			.build();
	}

	private void onFrame(ClientSocket connection, Bucket bucket, WebSocketFrame frame) {
		if (frame instanceof PongWebSocketFrame) {
			return;
		}
		this.metrics.messageReceived();
		if (!bucket.tryConsume(1)) {
			this.metrics.messageError("FLOOD");
			connection.close(CloseCode.FLOOD);
			return;
		}
		if (frame.content().readableBytes() > this.properties.maxFrameBytes()) {
			this.metrics.messageError("TOO_BIG");
			connection.close(CloseCode.MESSAGE_TOO_BIG);
			return;
		}
		Timer.Sample sample = this.metrics.startProcessing();
		Principal principal = connection.principal();
		long seq = this.sessions.lastSeq(principal.sessionId());
		if (!(frame instanceof TextWebSocketFrame)) {
			reject(connection, sample, seq, ErrorCode.MALFORMED, "Frames are JSON text");
			return;
		}
		ClientFrame request;
		try {
			request = this.codec.decode(frame.content());
		}
		catch (InvalidTypeIdException ex) {
			if (ex.getTypeId() != null) {
				reject(connection, sample, seq, ErrorCode.UNKNOWN_TYPE, "Unknown frame type");
			}
			else {
				reject(connection, sample, seq, ErrorCode.MALFORMED, "A frame needs a type");
			}
			return;
		}
		catch (JacksonException | IllegalStateException ex) {
			reject(connection, sample, seq, ErrorCode.MALFORMED, "Not a valid frame");
			return;
		}
		// the JSON text null decodes to no frame at all
		if (request == null) {
			reject(connection, sample, seq, ErrorCode.MALFORMED, "A frame is a JSON object");
			return;
		}
		switch (request) {
			case ClientFrame.Ping ping -> {
				connection.send(new ServerFrame.Pong(seq, System.currentTimeMillis()));
				this.metrics.processed(sample);
			}
			case ClientFrame.Answer answer -> this.answers.submit(principal, answer, seq).subscribe((reply) -> {
				if (reply instanceof ServerFrame.Error error) {
					this.metrics.messageError(error.code().name());
				}
				connection.send(reply);
				this.metrics.processed(sample);
			});
		}
	}

	private void reject(ClientSocket connection, Timer.Sample sample, long seq, ErrorCode code, String message) {
		this.metrics.messageError(code.name());
		connection.send(new ServerFrame.Error(seq, code, message, null));
		this.metrics.processed(sample);
	}

	/** Resumes a connection's writer when its socket drains. */
	private static final class WritabilityListener extends ChannelInboundHandlerAdapter {

		private final ClientSocket connection;

		WritabilityListener(ClientSocket connection) {
			this.connection = connection;
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
			this.connection.writabilityChanged();
			super.channelWritabilityChanged(ctx);
		}

	}

}
