package dev.vanguard.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InternalNetworkTests {

	@Test
	void countsLoopbackPrivateAndUniqueLocalAddressesAsInternal() {
		assertThat(new String[] { "127.0.0.1", "::1", "10.1.2.3", "172.16.0.9", "192.168.1.20", "fd00::1",
				"fd12:3456::1", "fc00::1" })
			.allSatisfy((address) -> assertThat(InternalNetwork.contains(address)).as(address).isTrue());
	}

	@Test
	void refusesPublicAddressesAndAnythingThatIsNotAnAddress() {
		assertThat(new String[] { "8.8.8.8", "2001:db8::1", "172.32.0.1", "fe80::1x", "localhost", "not an address", "",
				"unknown" })
			.allSatisfy((address) -> assertThat(InternalNetwork.contains(address)).as(address).isFalse());
		assertThat(InternalNetwork.contains(null)).isFalse();
	}

}
