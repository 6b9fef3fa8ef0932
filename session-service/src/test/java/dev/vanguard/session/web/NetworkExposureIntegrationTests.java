package dev.vanguard.session.web;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The service is reached through the gateway on this machine: it listens on loopback, and
 * its metrics answer only the internal network.
 */
class NetworkExposureIntegrationTests extends SessionServiceIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void listensOnLoopbackOnly() throws IOException {
		Optional<InetAddress> external = externalAddress();
		assumeThat(external).as("this machine has a non-loopback IPv4 address").isPresent();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
		}
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(external.get(), this.port), 2000);
			}
		});
	}

	@Test
	void servesMetricsToTheInternalNetworkOnly() {
		assertThat(this.api.send("GET", "/actuator/prometheus", null, null, "10.20.30.40").status()).isEqualTo(200);
		assertThat(this.api.send("GET", "/actuator/prometheus", null, null, "192.168.1.9").status()).isEqualTo(200);
		assertThat(this.api.send("GET", "/actuator/prometheus", null, null, "203.0.113.7").status()).isIn(401, 403);
		assertThat(this.api.send("GET", "/actuator/info", null, null, "198.51.100.1").status()).isIn(401, 403);
		// health stays open for probes
		assertThat(this.api.send("GET", "/actuator/health", null, null, "203.0.113.7").status()).isEqualTo(200);
	}

	private static Optional<InetAddress> externalAddress() throws SocketException {
		return NetworkInterface.networkInterfaces().filter((nic) -> {
			try {
				return nic.isUp() && !nic.isLoopback();
			}
			catch (SocketException ex) {
				return false;
			}
		})
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.findFirst();
	}

}
