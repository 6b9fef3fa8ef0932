package dev.vanguard.auth.signin;

import java.time.Duration;
import java.util.List;

import dev.vanguard.auth.AuthProperties;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class CrossSiteRequestGuardTests {

	private final CrossSiteRequestGuard guard = new CrossSiteRequestGuard(new AuthProperties(null, List.of(),
			Duration.ofMinutes(15), Duration.ofDays(7), List.of("http://localhost:8080", "https://quiz.example/"),
			new AuthProperties.LoginLimits(Duration.ofMinutes(15), 5, 20, 10, Duration.ofSeconds(5)),
			new AuthProperties.RegistrationLimits(Duration.ofHours(1), 10),
			new AuthProperties.Hashing(4, Duration.ofSeconds(5))));

	@Test
	void allowsRequestsFromOurOrigins() {
		assertThat(this.guard.allows(request("Origin", "http://localhost:8080"))).isTrue();
		assertThat(this.guard.allows(request("Origin", "HTTPS://QUIZ.EXAMPLE"))).isTrue();
	}

	@Test
	void allowsSameOriginAndUserInitiatedRequests() {
		assertThat(this.guard.allows(request("Sec-Fetch-Site", "same-origin", "Origin", "http://localhost:8081")))
			.isTrue();
		assertThat(this.guard.allows(request("Sec-Fetch-Site", "none"))).isTrue();
	}

	@Test
	void allowsNonBrowserClientsThatSendNeitherHeader() {
		assertThat(this.guard.allows(request())).isTrue();
	}

	@Test
	void refusesOtherOrigins() {
		assertThat(this.guard.allows(request("Origin", "https://evil.example"))).isFalse();
		assertThat(this.guard.allows(request("Origin", "http://localhost:8080.evil.example"))).isFalse();
		assertThat(this.guard.allows(request("Origin", "null"))).isFalse();
	}

	@Test
	void refusesCrossSiteAndSameSiteRequestsWithoutOneOfOurOrigins() {
		assertThat(this.guard.allows(request("Sec-Fetch-Site", "cross-site"))).isFalse();
		assertThat(this.guard.allows(request("Sec-Fetch-Site", "same-site", "Origin", "http://localhost:5173")))
			.isFalse();
		assertThat(this.guard.allows(request("Sec-Fetch-Site", "same-site", "Origin", "http://localhost:8080")))
			.isTrue();
	}

	private static MockHttpServletRequest request(String... headers) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/refresh");
		for (int i = 0; i < headers.length; i += 2) {
			request.addHeader(headers[i], headers[i + 1]);
		}
		return request;
	}

}
