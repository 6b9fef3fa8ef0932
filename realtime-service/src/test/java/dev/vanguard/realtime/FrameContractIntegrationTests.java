package dev.vanguard.realtime;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vanguard.realtime.protocol.ServerFrame;

import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Binds every frame strictly to its {@link ServerFrame} record and to its example in
 * {@code docs/protocol.md}, both ways: a field the record, the documented example or what
 * the event scripts publish has and another lacks, or a field of another JSON type, fails
 * here. A whole game is played; what the scripts publish on the session's channel is
 * bound to the records realtime-service reads it into (the scripts publish data, not
 * frames), and every frame the sockets receive to its record and example.
 */
class FrameContractIntegrationTests extends RealtimeIntegrationTests {

	private static final Path PROTOCOL = Path.of("..", "docs", "protocol.md");

	private static final Map<String, Class<?>> FRAME_TYPES = new HashMap<>();

	static {
		for (JsonSubTypes.Type type : ServerFrame.class.getAnnotation(JsonSubTypes.class).value()) {
			FRAME_TYPES.put(type.name(), type.value());
		}
	}

	@Test
	void everyDocumentedExampleBindsToItsRecord() throws IOException {
		Map<String, JsonNode> examples = documentedExamples();
		assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(FRAME_TYPES.keySet());
		examples.forEach((type, example) -> assertBinds(example, ServerFrame.class, "example of " + type));
	}

	@Test
	void everyFrameOfAGameMatchesItsRecordAndItsDocumentedExample() throws Exception {
		Game game = game();
		List<JsonNode> published = listen(game);
		game.open();
		TestClient host = host(game);
		host.await("catchup");
		host.send("{\"type\":\"ping\"}");
		host.await("pong");
		UUID ann = game.join("Ann");
		host.awaitJoined(1);
		TestClient annSocket = player(game, ann);
		annSocket.await("catchup");
		game.kick(game.join("Bob"));
		host.await("player_kicked");
		annSocket.await("player_count");
		game.join("Cid");
		game.start(0, singleChoice(0));
		annSocket.await("question");
		annSocket.answer(0, 0);
		annSocket.await("answer_accepted");
		annSocket.answer(0, 1);
		annSocket.await("error");
		host.await("answer_count");
		game.end(0);
		annSocket.await("result");
		host.await("reveal");
		game.podium();
		annSocket.await("final_result");
		host.await("podium");
		game.finish();
		annSocket.await("session_ended");
		host.await("session_ended");
		await().until(() -> published.size() >= game.seq);

		Map<String, JsonNode> examples = documentedExamples();
		Set<String> seen = new LinkedHashSet<>();
		Class<?> broadcast = Class.forName("dev.vanguard.realtime.fanout.Broadcast");
		for (JsonNode message : published) {
			assertBinds(message, broadcast, "published " + message);
			for (String field : List.of("all", "host")) {
				if (message.has(field)) {
					check(message.get(field), examples, seen);
				}
			}
		}
		for (TestClient client : List.of(host, annSocket)) {
			for (JsonNode frame : client.frames()) {
				check(frame, examples, seen);
			}
		}
		assertThat(seen).containsExactlyInAnyOrderElementsOf(FRAME_TYPES.keySet());
	}

	private static void check(JsonNode frame, Map<String, JsonNode> examples, Set<String> seen) {
		String type = frame.path("type").asString();
		seen.add(type);
		assertBinds(frame, ServerFrame.class, type);
		// A catch-up's fields depend on the role and the status (documented field by
		// field); its example binds to the record above.
		if (!"catchup".equals(type)) {
			assertSameShape(frame, examples.get(type), type);
		}
	}

	/** Every message published on the game's channel, from now on. */
	private List<JsonNode> listen(Game game) {
		List<JsonNode> messages = new CopyOnWriteArrayList<>();
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(this.redis.getRequiredConnectionFactory());
		container.addMessageListener((message, pattern) -> messages.add(this.mapper.readTree(message.getBody())),
				new ChannelTopic(game.keys.channel()));
		container.afterPropertiesSet();
		container.start();
		track(container::destroy);
		// a probe makes sure the subscription is in place before the game's first event
		await().until(() -> {
			this.redis.convertAndSend(game.keys.channel(), "{}");
			return !messages.isEmpty();
		});
		messages.clear();
		return messages;
	}

	/** The server frames' examples in the protocol document, by type. */
	private Map<String, JsonNode> documentedExamples() throws IOException {
		Matcher blocks = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(Files.readString(PROTOCOL));
		Map<String, JsonNode> examples = new HashMap<>();
		while (blocks.find()) {
			JsonNode example = this.mapper.readTree(blocks.group(1));
			String type = example.path("type").asString();
			if (FRAME_TYPES.containsKey(type)) {
				assertThat(examples.put(type, example)).as("a second example of %s", type).isNull();
			}
		}
		return examples;
	}

	/**
	 * The JSON binds to {@code type} strictly: no field the type lacks, every field of a
	 * primitive type present, each value of the field's JSON type, all the way down.
	 */
	private static void assertBinds(JsonNode node, Type type, String path) {
		if (type instanceof ParameterizedType generic) {
			Type[] arguments = generic.getActualTypeArguments();
			if (generic.getRawType() == List.class) {
				assertThat(node.isArray()).as("%s is an array", path).isTrue();
				node.valueStream().forEach((item) -> assertBinds(item, arguments[0], path + "[]"));
			}
			else if (generic.getRawType() == Map.class) {
				assertThat(node.isObject()).as("%s is an object", path).isTrue();
				node.properties()
					.forEach((entry) -> assertBinds(entry.getValue(), arguments[1], path + "." + entry.getKey()));
			}
			else {
				fail("%s: no binding check for %s", path, type);
			}
			return;
		}
		Class<?> raw = (Class<?>) type;
		if (raw == ServerFrame.class) {
			Class<?> frame = FRAME_TYPES.get(node.path("type").asString());
			assertThat(frame).as("%s has a known frame type", path).isNotNull();
			assertBinds(node, frame, path);
		}
		else if (raw.isRecord()) {
			assertThat(node.isObject()).as("%s is an object", path).isTrue();
			Map<String, RecordComponent> components = new HashMap<>();
			Arrays.stream(raw.getRecordComponents()).forEach((c) -> components.put(c.getName(), c));
			boolean frame = ServerFrame.class.isAssignableFrom(raw);
			for (String field : node.propertyNames()) {
				if (frame && field.equals("type")) {
					continue;
				}
				assertThat(components).as("%s.%s is a field of %s", path, field, raw.getSimpleName())
					.containsKey(field);
				assertBinds(node.get(field), components.get(field).getGenericType(), path + "." + field);
			}
			components.values()
				.stream()
				.filter((c) -> c.getType().isPrimitive())
				.forEach((c) -> assertThat(node.has(c.getName())).as("%s has %s", path, c.getName()).isTrue());
		}
		else if (node.isNull()) {
			assertThat(raw.isPrimitive()).as("%s is not null", path).isFalse();
		}
		else if (raw == boolean.class || raw == Boolean.class) {
			assertThat(node.isBoolean()).as("%s is a boolean", path).isTrue();
		}
		else if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
			assertThat(node.isIntegralNumber()).as("%s is a whole number", path).isTrue();
		}
		else if (raw == String.class || raw == UUID.class) {
			assertThat(node.isString()).as("%s is a string", path).isTrue();
		}
		else if (raw.isEnum()) {
			assertThat(Arrays.stream(raw.getEnumConstants()).map(Object::toString))
				.as("%s is one of %s", path, raw.getSimpleName())
				.contains(node.asString());
		}
		else {
			fail("%s: no binding check for %s", path, raw);
		}
	}

	/**
	 * The frame has exactly the fields of its documented example, each of the same JSON
	 * type, all the way down (array items compared where both have some).
	 */
	private static void assertSameShape(JsonNode actual, JsonNode documented, String path) {
		assertThat(documented).as("the example of %s", path).isNotNull();
		assertThat(actual.getNodeType()).as("the JSON type of %s", path).isEqualTo(documented.getNodeType());
		if (actual.isObject()) {
			assertThat(new ArrayList<>(actual.propertyNames())).as("the fields of %s", path)
				.containsExactlyInAnyOrderElementsOf(documented.propertyNames());
			for (String field : actual.propertyNames()) {
				assertSameShape(actual.get(field), documented.get(field), path + "." + field);
			}
		}
		else if (actual.isArray() && !actual.isEmpty() && !documented.isEmpty()) {
			assertSameShape(actual.get(0), documented.get(0), path + "[]");
		}
	}

}
