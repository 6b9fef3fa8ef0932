package dev.vanguard.realtime.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A frame a client sends. JSON with a {@code type}; unknown types and malformed JSON get
 * an {@link ServerFrame.Error} frame and change nothing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ClientFrame.Answer.class, name = "answer"),
		@JsonSubTypes.Type(value = ClientFrame.Ping.class, name = "ping") })
public sealed interface ClientFrame {

	/**
	 * A player's answer to question {@code questionIndex}: {@code options} (indexes into
	 * the question's options) for the option types, {@code text} for type-the-answer.
	 */
	record Answer(Integer questionIndex, List<Integer> options, String text) implements ClientFrame {
	}

	/** Asks for a {@link ServerFrame.Pong} with the server's clock. */
	record Ping() implements ClientFrame {
	}

}
