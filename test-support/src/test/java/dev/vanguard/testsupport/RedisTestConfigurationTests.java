package dev.vanguard.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Standalone;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class RedisTestConfigurationTests {

	@Test
	void pointsAtARedisThatAnswers() throws IOException {
		assumeFalse(Infrastructure.containers(), "Testcontainers gives each context its own server");
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				RedisTestConfiguration.class)) {
			Standalone standalone = context.getBean(DataRedisConnectionDetails.class).getStandalone();
			assertThat(ping(standalone.getHost(), standalone.getPort())).isEqualTo("+PONG");
		}
	}

	private static String ping(String host, int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 5_000);
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

}
