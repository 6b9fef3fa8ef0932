package dev.vanguard.realtime.socket;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.RealtimeProperties;
import dev.vanguard.realtime.protocol.CloseCode;

import org.springframework.stereotype.Component;

/**
 * {@code GET /ws?token=…[&session=…]}: checks the Origin, the connection limit and the
 * token before the upgrade. A browser cannot read the HTTP status of a failed upgrade, so
 * a refused token still gets its socket, closed at once with a close code that says why
 * (4401, 4403, 4404, 4410, 4000); only a foreign Origin (a cross-site page) is refused
 * with a plain 403 and never upgraded, and an instance that is starting or stopping
 * answers 503 (see {@link SocketGate}).
 */
@Component
class WebSocketEndpoint {

	static final String PATH = "/ws";

	private static final Logger logger = LoggerFactory.getLogger(WebSocketEndpoint.class);

	private final Authenticator authenticator;

	private final ConnectionHandler handler;

	private final RealtimeMetrics metrics;

	private final RealtimeProperties properties;

	private final WebsocketServerSpec spec;

	private final SocketGate gate;

	WebSocketEndpoint(Authenticator authenticator, ConnectionHandler handler, RealtimeMetrics metrics,
			RealtimeProperties properties, SocketGate gate) {
		this.gate = gate;
		this.authenticator = authenticator;
		this.handler = handler;
		this.metrics = metrics;
		this.properties = properties;
		this.spec = WebsocketServerSpec.builder()
			.maxFramePayloadLength(properties.maxFrameBytes())
			.handlePing(false)
			.compress(false)
			.build();
	}

	Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		this.metrics.connectionAttempt();
		if (!this.gate.admits()) {
			return unavailable(response);
		}
		if (!request.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
			return response.status(HttpResponseStatus.UPGRADE_REQUIRED).send();
		}
		if (!originAllowed(request.requestHeaders().get(HttpHeaderNames.ORIGIN),
				request.requestHeaders().get(HttpHeaderNames.HOST))) {
			return response.status(HttpResponseStatus.FORBIDDEN).send();
		}
		if (this.metrics.activeConnections() >= this.properties.maxConnections()) {
			return response.sendWebsocket((in, out) -> refuse(in, out, CloseCode.TRY_AGAIN_LATER), this.spec);
		}
		Map<String, List<String>> parameters = new QueryStringDecoder(request.uri()).parameters();
		return this.authenticator.admit(first(parameters, "token"), first(parameters, "session"))
			.onErrorResume((ex) -> {
				logger.warn("Could not check a socket's token: {}", ex.toString());
				return Mono.just(new Verdict.Refused(CloseCode.INTERNAL_ERROR));
			})
			.doOnNext((verdict) -> logUpgrade(request, verdict))
			.flatMap((verdict) -> switch (verdict) {
				// the gate closed while the token was checked: refused like any
				// upgrade after
				// it, never taken in only to be sent away with 1001
				case Verdict.Admitted _ when !this.gate.admits() -> unavailable(response);
				case Verdict.Admitted admitted ->
					response.sendWebsocket((in, out) -> this.handler.handle(in, out, admitted.principal()), this.spec);
				case Verdict.Refused refused ->
					response.sendWebsocket((in, out) -> refuse(in, out, refused.code()), this.spec);
			});
	}

	/** Starting or stopping: the gateway tries another instance, a client retries. */
	private static Mono<Void> unavailable(HttpServerResponse response) {
		return response.status(HttpResponseStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaderNames.RETRY_AFTER, "1")
			.send()
			.then();
	}

	private Publisher<Void> refuse(WebsocketInbound in, WebsocketOutbound out, CloseCode code) {
		this.metrics.connectionClosed(Integer.toString(code.code()));
		Duration grace = this.properties.closeGrace();
		in.withConnection((connection) -> connection.channel()
			.eventLoop()
			.schedule(() -> connection.dispose(), grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
		return out.sendClose(code.code(), code.reason());
	}

	/**
	 * Reactor Netty's access log has no line for an upgraded request, so the upgrade logs
	 * its own, with the token masked.
	 */
	private void logUpgrade(HttpServerRequest request, Verdict verdict) {
		if (this.properties.accessLog() && logger.isInfoEnabled()) {
			String outcome = switch (verdict) {
				case Verdict.Admitted admitted -> "101 " + admitted.principal().role();
				case Verdict.Refused refused -> "101 then " + refused.code().code();
			};
			logger.info("{} \"GET {}\" {}", request.remoteAddress(), SocketConfiguration.maskToken(request.uri()),
					outcome);
		}
	}

	private boolean originAllowed(String origin, String host) {
		if (origin == null) {
			return this.properties.allowMissingOrigin();
		}
		List<String> allowed = this.properties.allowedOrigins();
		return allowed.contains("*") || allowed.contains(origin) || sameOrigin(origin, host);
	}

	/**
	 * Whether the page that opens the socket came from the host and port the socket is
	 * opened on (the gateway passes the browser's {@code Host} through): the web app the
	 * gateway serves, however the browser reached it (a phone at the machine's LAN
	 * address). Only a page from another site needs to be on the list.
	 */
	static boolean sameOrigin(String origin, String host) {
		if (host == null || host.isBlank()) {
			return false;
		}
		try {
			URI page = new URI(origin);
			URI target = new URI(page.getScheme(), host, null, null, null);
			String scheme = page.getScheme();
			if (page.getHost() == null || target.getHost() == null
					|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
				return false;
			}
			int defaultPort = "https".equalsIgnoreCase(scheme) ? 443 : 80;
			int pagePort = (page.getPort() != -1) ? page.getPort() : defaultPort;
			int targetPort = (target.getPort() != -1) ? target.getPort() : defaultPort;
			return page.getHost().equalsIgnoreCase(target.getHost()) && pagePort == targetPort;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static String first(Map<String, List<String>> parameters, String name) {
		List<String> values = parameters.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
