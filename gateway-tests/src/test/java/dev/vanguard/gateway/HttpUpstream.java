package dev.vanguard.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for one service behind the gateway: answers every request with its own name
 * and what it received, one {@code key=value} per line.
 */
final class HttpUpstream implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	HttpUpstream(String name) throws IOException {
		this.name = name;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::answer);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	String address() {
		return "127.0.0.1:" + this.server.getAddress().getPort();
	}

	int requests() {
		return this.requests.get();
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		int bodyBytes = exchange.getRequestBody().readAllBytes().length;
		Headers headers = exchange.getRequestHeaders();
		String reply = "service=" + this.name + "\n" + "method=" + exchange.getRequestMethod() + "\n" + "uri="
				+ exchange.getRequestURI() + "\n" + "body=" + bodyBytes + "\n" + "host=" + headers.getFirst("Host")
				+ "\n" + "x-forwarded-for=" + headers.getFirst("X-Forwarded-For") + "\n" + "x-forwarded-proto="
				+ headers.getFirst("X-Forwarded-Proto") + "\n" + "x-forwarded-host="
				+ headers.getFirst("X-Forwarded-Host") + "\n" + "x-forwarded-port="
				+ headers.getFirst("X-Forwarded-Port") + "\n";
		byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(200, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
