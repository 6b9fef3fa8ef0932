package dev.vanguard.realtime.socket;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.regex.Pattern;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;
import reactor.netty.resources.LoopResources;

import dev.vanguard.realtime.RealtimeProperties;

import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The socket server: {@code /ws} is a Reactor Netty route of its own in front of WebFlux
 * (which keeps serving the actuator on the same port), on event loops of this context's
 * own (one per core, not Reactor's default of at least four, and not the JVM-wide
 * resources, so several instances can share one JVM in tests and close independently).
 */
@Configuration(proxyBeanMethods = false)
class SocketConfiguration {

	private static final Pattern TOKEN = Pattern.compile("([?&]token=)[^&]*");

	/** Listen backlog: a join storm opens thousands of sockets within a second. */
	private static final int ACCEPT_BACKLOG = 8192;

	@Bean
	ReactorResourceFactory reactorResourceFactory(RealtimeProperties properties) {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		factory.setLoopResourcesSupplier(
				() -> LoopResources.create("vanguard-ws", 1, properties.effectiveEventLoopThreads(), true));
		return factory;
	}

	@Bean
	NettyRouteProvider webSocketRoute(WebSocketEndpoint endpoint) {
		return (routes) -> routes.get(WebSocketEndpoint.PATH, endpoint::handle);
	}

	@Bean
	NettyServerCustomizer socketServerCustomizer(RealtimeProperties properties) {
		return (server) -> {
			HttpServer customized = server.option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
				.childOption(ChannelOption.TCP_NODELAY, true);
			if (properties.socketSendBufferBytes() > 0) {
				customized = customized.childOption(ChannelOption.SO_SNDBUF, properties.socketSendBufferBytes());
			}
			if (properties.accessLog()) {
				customized = customized.accessLog(true, SocketConfiguration::accessLog);
			}
			return customized;
		};
	}

	/** An access log line with the token masked: tokens never reach a log. */
	static AccessLog accessLog(AccessLogArgProvider args) {
		return AccessLog.create("{} \"{} {} {}\" {} {}ms", remote(args), args.method(), maskToken(args.uri()),
				args.protocol(), args.status(), args.duration());
	}

	private static Object remote(AccessLogArgProvider args) {
		return (args.connectionInformation() != null) ? args.connectionInformation().remoteAddress() : "-";
	}

	static String maskToken(CharSequence uri) {
		return (uri != null) ? TOKEN.matcher(uri).replaceAll("$1***") : null;
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				// metrics and info only for the internal network (loopback, private and
				// unique-local addresses); health stays open for probes
				.pathMatchers("/actuator/**")
				.access((authentication, context) -> Mono
					.just(new AuthorizationDecision(isInternal(context.getExchange().getRequest().getRemoteAddress()))))
				.anyExchange()
				.denyAll())
			.build();
	}

	static boolean isInternal(InetSocketAddress peer) {
		if (peer == null || peer.getAddress() == null) {
			return false;
		}
		InetAddress ip = peer.getAddress();
		return ip.isLoopbackAddress() || ip.isSiteLocalAddress()
				|| (ip instanceof Inet6Address && (ip.getAddress()[0] & 0xFE) == 0xFC);
	}

}
