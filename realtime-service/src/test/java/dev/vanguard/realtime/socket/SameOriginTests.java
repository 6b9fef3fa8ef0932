package dev.vanguard.realtime.socket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SameOriginTests {

	@ParameterizedTest
	@CsvSource({ "http://192.168.1.20:8080, 192.168.1.20:8080, true",
			"http://Quiz.Example:8080, quiz.example:8080, true", "https://quiz.example, quiz.example, true",
			"https://quiz.example:443, quiz.example, true", "http://quiz.example, quiz.example:80, true",
			"http://[::1]:8080, [::1]:8080, true", "http://192.168.1.20:8081, 192.168.1.20:8080, false",
			"https://evil.example, quiz.example, false", "https://quiz.example, quiz.example:80, false",
			"null, quiz.example, false", "file:///tmp/page.html, quiz.example, false", "http://quiz.example, '', false",
			"http://quiz.example, 'bad host', false" })
	void admitsOnlyThePageOfTheSameHostAndPort(String origin, String host, boolean same) {
		assertThat(WebSocketEndpoint.sameOrigin(origin, host)).isEqualTo(same);
	}

}
