package dev.vanguard.realtime.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.vanguard.contracts.QuestionType;
import dev.vanguard.contracts.SessionKeys;
import dev.vanguard.contracts.events.PlayerJoined;
import dev.vanguard.contracts.events.PlayerKicked;
import dev.vanguard.contracts.events.PodiumShown;
import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEnded;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.realtime.RealtimeProperties;
import dev.vanguard.testsupport.RedisServers;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs every script of {@link SessionStore} against a Redis of this test's own, through
 * the store's own calls (so the KEYS are the ones Java really passes), while watching the
 * server with MONITOR; then asks Redis ({@code COMMAND GETKEYS}) which keys each command
 * inside a script touched, and requires every one of them (and every channel published
 * to) to be among the keys the call declared. Redis Cluster routes a script by its
 * declared keys, so a key a script builds for itself could live on another shard.
 */
class ScriptKeysIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private RedisServers server;

	private LettuceConnectionFactory connections;

	private Monitor monitor;

	@BeforeEach
	void start() throws IOException {
		this.server = RedisServers.standalone();
		this.connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.server.first().port()));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.monitor = new Monitor(this.server.first().port());
	}

	@AfterEach
	void stop() throws IOException {
		if (this.monitor != null) {
			this.monitor.close();
		}
		if (this.connections != null) {
			this.connections.destroy();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void everyScriptTouchesOnlyTheKeysItDeclares() throws Exception {
		ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(this.connections);
		SessionStore store = new SessionStore(redis, JsonMapper.builder().build(), properties());
		UUID session = UUID.randomUUID();
		UUID host = UUID.randomUUID();
		UUID ann = UUID.randomUUID();
		UUID bob = UUID.randomUUID();
		SessionKeys keys = SessionKeys.of(session);
		Instant now = Instant.now();
		QuestionStarted.Question question = new QuestionStarted.Question(QuestionType.SINGLE_CHOICE, "Capital?", null,
				20, 1000, List.of("Paris", "Lyon"), List.of(0), List.of());

		// A whole game, as session-service and the sockets would drive it.
		long seq = 0;
		store.apply(new SessionOpened(session, ++seq, now, host, "123456", "Capitals", 2)).block(WAIT);
		int count = 0;
		for (UUID player : List.of(ann, bob)) {
			redis.opsForHash().put(keys.players(), player.toString(), "p" + player).block(WAIT);
			store.apply(new PlayerJoined(session, ++seq, now, player, "p" + player, ++count)).block(WAIT);
		}
		store.admission(session, ann.toString()).block(WAIT);
		store.publish(session, "{\"announce\":{}}").block(WAIT);
		store.online(session, ann, 1).block(WAIT);
		store.snapshot(session, true, null).block(WAIT);
		store.apply(new QuestionStarted(session, ++seq, now, 0, 2, question, now, now.plusSeconds(20))).block(WAIT);
		assertThat(store.answer(new SubmittedAnswer(session, ann, 0, List.of(0), null, null)).block(WAIT).ok())
			.isTrue();
		store.snapshot(session, false, ann.toString()).block(WAIT);
		store.onlineHeartbeat(session).block(WAIT);
		store.apply(new QuestionEnded(session, ++seq, now, 0, QuestionEnded.Reason.HOST)).block(WAIT);
		store.snapshot(session, false, bob.toString()).block(WAIT);
		store.apply(new QuestionStarted(session, ++seq, now, 1, 2, question, now, now.plusSeconds(20))).block(WAIT);
		store.apply(new QuestionEnded(session, ++seq, now, 1, QuestionEnded.Reason.HOST)).block(WAIT);
		redis.opsForHash().remove(keys.players(), bob.toString()).block(WAIT);
		store.apply(new PlayerKicked(session, ++seq, now, bob, "p" + bob, --count)).block(WAIT);
		store.apply(new PodiumShown(session, ++seq, now)).block(WAIT);
		store.snapshot(session, false, ann.toString()).block(WAIT);
		store.apply(new SessionEnded(session, ++seq, now)).block(WAIT);
		store.online(session, ann, -1).block(WAIT);
		assertThat(redis.opsForHash().get(keys.state(), "status").block(WAIT)).isEqualTo("ENDED");
		assertThat(redis.getExpire(keys.answers(0)).block(WAIT)).as("the ended session's keys expire")
			.isPositive()
			.isLessThanOrEqualTo(SessionKeys.TTL_AFTER_END);

		Map<String, String> scripts = scripts(store);
		List<ScriptCall> calls = await().atMost(WAIT)
			.until(() -> this.monitor.scriptCalls(),
					(all) -> all.stream()
						.map(ScriptCall::sha)
						.collect(java.util.stream.Collectors.toSet())
						.containsAll(scripts.keySet()));
		assertThat(calls).as("every script ran").isNotEmpty();
		try (Resp resp = new Resp(this.server.first().port())) {
			for (ScriptCall call : calls) {
				String name = scripts.getOrDefault(call.sha(), call.sha());
				assertThat(call.declared()).as(name + " declares only this session's keys")
					.allMatch((key) -> key.startsWith(keys.prefix()));
				for (List<String> command : call.commands()) {
					String verb = command.get(0).toUpperCase(java.util.Locale.ROOT);
					Set<String> touched = switch (verb) {
						case "PUBLISH", "SPUBLISH" -> Set.of(command.get(1));
						default -> new HashSet<>(resp.getKeys(command));
					};
					assertThat(call.declared()).as(name + ": " + String.join(" ", command)).containsAll(touched);
				}
			}
		}
	}

	private static RealtimeProperties properties() {
		return new Binder(new MapConfigurationPropertySource(Map.of("vanguard.realtime.instance-id", "keys-test")))
			.bindOrCreate("vanguard.realtime", RealtimeProperties.class);
	}

	/** SHA1 → field name of every script the store holds. */
	private static Map<String, String> scripts(SessionStore store) throws IllegalAccessException {
		Map<String, String> scripts = new LinkedHashMap<>();
		for (Field field : SessionStore.class.getDeclaredFields()) {
			if (RedisScript.class.isAssignableFrom(field.getType())) {
				field.setAccessible(true);
				scripts.put(((RedisScript<?>) field.get(store)).getSha1(), field.getName());
			}
		}
		assertThat(scripts).hasSizeGreaterThanOrEqualTo(13);
		return scripts;
	}

	/** One EVAL or EVALSHA, the keys it declared and the commands the script ran. */
	record ScriptCall(String sha, List<String> declared, List<List<String>> commands) {
	}

	/** A MONITOR connection: every command the server runs, scripts' own included. */
	static final class Monitor implements AutoCloseable {

		private final Socket socket;

		private final List<List<String>> lines = new CopyOnWriteArrayList<>();

		private final List<Boolean> fromScript = new CopyOnWriteArrayList<>();

		Monitor(int port) throws IOException {
			this.socket = new Socket("127.0.0.1", port);
			this.socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
			if (!"+OK".equals(reader.readLine())) {
				throw new IllegalStateException("MONITOR refused");
			}
			Thread.ofVirtual().start(() -> {
				try {
					String line;
					while ((line = reader.readLine()) != null) {
						int open = line.indexOf('[');
						int close = line.indexOf(']');
						if (open < 0 || close < 0) {
							continue;
						}
						this.fromScript.add(line.substring(open, close).endsWith(" lua"));
						this.lines.add(arguments(line.substring(close + 1)));
					}
				}
				catch (IOException ex) {
					// closed
				}
			});
		}

		/** The script calls seen so far, each with the commands its script ran. */
		List<ScriptCall> scriptCalls() {
			List<ScriptCall> calls = new ArrayList<>();
			int count = Math.min(this.lines.size(), this.fromScript.size());
			for (int i = 0; i < count; i++) {
				List<String> line = this.lines.get(i);
				String verb = line.get(0).toUpperCase(java.util.Locale.ROOT);
				if (this.fromScript.get(i) || !(verb.equals("EVAL") || verb.equals("EVALSHA"))) {
					continue;
				}
				List<List<String>> commands = new ArrayList<>();
				int next = i + 1;
				while (next < count && this.fromScript.get(next)) {
					commands.add(this.lines.get(next));
					next++;
				}
				if (commands.isEmpty()) {
					// EVALSHA of a script the server did not know yet: the EVAL follows.
					continue;
				}
				String sha = verb.equals("EVALSHA") ? line.get(1) : sha1(line.get(1));
				int numKeys = Integer.parseInt(line.get(2));
				calls.add(new ScriptCall(sha, List.copyOf(line.subList(3, 3 + numKeys)), commands));
			}
			return calls;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

		/** The quoted arguments of a MONITOR line, unescaped. */
		static List<String> arguments(String text) {
			List<String> arguments = new ArrayList<>();
			int i = 0;
			while (i < text.length()) {
				if (text.charAt(i) != '"') {
					i++;
					continue;
				}
				java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
				i++;
				while (text.charAt(i) != '"') {
					char c = text.charAt(i);
					if (c == '\\') {
						char e = text.charAt(i + 1);
						switch (e) {
							case 'n' -> bytes.write('\n');
							case 'r' -> bytes.write('\r');
							case 't' -> bytes.write('\t');
							case 'a' -> bytes.write(7);
							case 'b' -> bytes.write('\b');
							case 'x' -> {
								bytes.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
								i += 2;
							}
							default -> bytes.write(e);
						}
						i += 2;
					}
					else {
						byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
						bytes.write(encoded, 0, encoded.length);
						i++;
					}
				}
				arguments.add(bytes.toString(StandardCharsets.UTF_8));
				i++;
			}
			return arguments;
		}

		private static String sha1(String script) {
			try {
				byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
					.digest(script.getBytes(StandardCharsets.UTF_8));
				return java.util.HexFormat.of().formatHex(digest);
			}
			catch (java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** A minimal RESP client for COMMAND GETKEYS. */
	static final class Resp implements AutoCloseable {

		private final Socket socket;

		private final java.io.DataInputStream in;

		Resp(int port) throws IOException {
			this.socket = new Socket("127.0.0.1", port);
			this.in = new java.io.DataInputStream(new java.io.BufferedInputStream(this.socket.getInputStream()));
		}

		/** The keys Redis says the command touches (none for a command without keys). */
		List<String> getKeys(List<String> command) throws IOException {
			if (command.size() == 1) {
				// TIME and the like: a command without arguments names no key.
				return List.of();
			}
			List<String> request = new ArrayList<>(List.of("COMMAND", "GETKEYS"));
			request.addAll(command);
			OutputStream out = this.socket.getOutputStream();
			StringBuilder head = new StringBuilder("*" + request.size() + "\r\n");
			java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
			for (String argument : request) {
				byte[] value = argument.getBytes(StandardCharsets.UTF_8);
				bytes.write(("$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
				bytes.write(value);
				bytes.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(bytes.toByteArray());
			out.flush();
			String reply = line();
			if (reply.startsWith("-")) {
				assertThat(reply).as(String.join(" ", command)).contains("no key arguments");
				return List.of();
			}
			assertThat(reply).startsWith("*");
			List<String> keys = new ArrayList<>();
			for (int n = Integer.parseInt(reply.substring(1)); n > 0; n--) {
				int length = Integer.parseInt(line().substring(1));
				byte[] value = this.in.readNBytes(length);
				line();
				keys.add(new String(value, StandardCharsets.UTF_8));
			}
			return keys;
		}

		private String line() throws IOException {
			java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != '\r') {
				if (b < 0) {
					throw new IOException("closed");
				}
				bytes.write(b);
			}
			this.in.read();
			return bytes.toString(StandardCharsets.UTF_8);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
