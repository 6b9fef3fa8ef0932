package dev.vanguard.realtime.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.vanguard.contracts.SessionKeys;

/**
 * The session keys a script may touch, handed to every script through {@code KEYS} in
 * this order, and named in Lua by a preamble generated from the same list
 * ({@code K.state}, {@code K.answers}, …): a script never builds a key name, so Redis
 * Cluster routes each call to the shard of the session's slot, and Java and Lua cannot
 * disagree about where a key is. The per-question keys are those of the question the call
 * is about. Keys after these ({@code KEYS[K.extra]} on) are a script's own (the
 * session-ended script gets every key of the session there).
 */
enum ScriptKeys {

	STATE((keys, index) -> keys.state()),

	CHANNEL((keys, index) -> keys.channel()),

	PLAYERS((keys, index) -> keys.players()),

	KICKED((keys, index) -> keys.kicked()),

	SCORES((keys, index) -> keys.scores()),

	STREAKS((keys, index) -> keys.streaks()),

	STANDINGS((keys, index) -> keys.standings()),

	REVEAL((keys, index) -> keys.lastReveal()),

	ONLINE((keys, index) -> keys.online()),

	ONLINE_SOCKETS((keys, index) -> keys.onlineSockets()),

	ONLINE_LEASES((keys, index) -> keys.onlineLeases()),

	QUESTION(SessionKeys::question),

	ANSWERS(SessionKeys::answers),

	DISTRIBUTION(SessionKeys::distribution);

	/**
	 * Prepended to every script: {@code local K = {state = KEYS[1], …, extra = n}}.
	 */
	static final String PREAMBLE = "local K = {" + IntStream.range(0, values().length)
		.mapToObj((i) -> values()[i].luaName() + " = KEYS[" + (i + 1) + "]")
		.collect(Collectors.joining(", ")) + ", extra = " + (values().length + 1) + "}\n";

	private final BiFunction<SessionKeys, Integer, String> key;

	ScriptKeys(BiFunction<SessionKeys, Integer, String> key) {
		this.key = key;
	}

	/** The name in Lua: {@code ONLINE_SOCKETS} is {@code K.onlineSockets}. */
	String luaName() {
		String[] words = name().toLowerCase(java.util.Locale.ROOT).split("_");
		StringBuilder name = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
		}
		return name.toString();
	}

	/**
	 * {@code KEYS} for a script about question {@code index} of the session (any index
	 * when the script touches no question's keys), then {@code extra}.
	 */
	static List<String> of(SessionKeys keys, int index, List<String> extra) {
		List<String> all = new ArrayList<>(values().length + extra.size());
		for (ScriptKeys name : values()) {
			all.add(name.key.apply(keys, index));
		}
		all.addAll(extra);
		return all;
	}

	static List<String> of(SessionKeys keys, int index) {
		return of(keys, index, List.of());
	}

}
