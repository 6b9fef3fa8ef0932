package dev.vanguard.realtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import org.junit.jupiter.api.Test;

import dev.vanguard.realtime.protocol.ClientFrame;
import dev.vanguard.realtime.protocol.CloseCode;
import dev.vanguard.realtime.protocol.ErrorCode;
import dev.vanguard.realtime.protocol.ServerFrame;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps {@code docs/protocol.md} in step with the frames and codes in the code. */
class ProtocolDocumentationTests {

	private static final Path PROTOCOL = Path.of("..", "docs", "protocol.md");

	@Test
	void documentsEveryServerFrame() throws IOException {
		String doc = Files.readString(PROTOCOL);
		List<String> types = typeNames(ServerFrame.class);
		assertThat(types).hasSize(ServerFrame.class.getPermittedSubclasses().length);
		for (String type : types) {
			assertThat(doc).as("heading for %s", type).contains("### `" + type + "`");
			assertThat(doc).as("example of %s", type).contains("{\"type\":\"" + type + "\"");
		}
	}

	@Test
	void documentsEveryClientFrame() throws IOException {
		String doc = Files.readString(PROTOCOL);
		List<String> types = typeNames(ClientFrame.class);
		assertThat(types).hasSize(ClientFrame.class.getPermittedSubclasses().length);
		for (String type : types) {
			assertThat(doc).contains("### `" + type + "`").contains("{\"type\":\"" + type + "\"");
		}
	}

	@Test
	void documentsEveryCloseAndErrorCode() throws IOException {
		String doc = Files.readString(PROTOCOL);
		for (CloseCode code : CloseCode.values()) {
			assertThat(doc).as("close code %s", code).contains("| " + code.code() + " |");
		}
		for (ErrorCode code : ErrorCode.values()) {
			assertThat(doc).as("error code %s", code).contains("| `" + code.name() + "` |");
		}
	}

	private static List<String> typeNames(Class<?> family) {
		return Arrays.stream(family.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::name).toList();
	}

}
