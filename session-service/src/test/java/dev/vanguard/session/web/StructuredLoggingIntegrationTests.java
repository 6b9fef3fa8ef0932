package dev.vanguard.session.web;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vanguard.session.support.SessionServiceIntegrationTest;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The container profile (what the compose files run): every log line is an ECS JSON
 * object that Loki can parse, with the request's trace id and the session it is about.
 */
// Its context (another profile, so never shared with another class) is closed after the
// class instead of being kept for the rest of the run.
@DirtiesContext
@ActiveProfiles("container")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingIntegrationTests extends SessionServiceIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final UUID host = UUID.randomUUID();

	@Test
	void logsEcsJsonWithTheTraceAndSessionIds(CapturedOutput output) {
		UUID quiz = quiz(this.host, single("Only?"));
		UUID session = UUID.fromString(this.api.openSession(this.host, quiz, null).path("id").asString());

		this.api.control(this.host, session, "start");

		String message = "Session " + session + " started by its host";
		JsonNode line = await().atMost(Duration.ofSeconds(10))
			.until(() -> output.getOut()
				.lines()
				.filter((text) -> text.contains(message))
				.map(JSON::readTree)
				.findFirst()
				.orElse(null), (found) -> found != null);
		assertThat(line.path("message").asString()).isEqualTo(message);
		assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
		assertThat(line.path("service").path("name").asString()).isEqualTo("session-service");
		assertThat(line.path("@timestamp").asString()).isNotBlank();
		assertThat(line.path("sessionId").asString()).isEqualTo(session.toString());
		assertThat(line.path("traceId").asString()).matches("[0-9a-f]{16,32}");
	}

	@Test
	void writesEveryLogLineAsJson(CapturedOutput output) {
		// from here on: a context of another test class (another log format) may still be
		// closing in the background while this class's context starts
		int from = output.getOut().length();
		UUID quiz = quiz(this.host, single("Only?"));
		UUID session = UUID.fromString(this.api.openSession(this.host, quiz, null).path("id").asString());
		this.api.control(this.host, session, "start");
		this.api.control(this.host, session, "end");

		await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("Session " + session + " ended"));
		assertThat(output.getOut().substring(from).lines().filter((text) -> !text.isBlank())).isNotEmpty()
			.allSatisfy((text) -> assertThat(JSON.readTree(text).path("message").isString()).as(text).isTrue());
	}

}
