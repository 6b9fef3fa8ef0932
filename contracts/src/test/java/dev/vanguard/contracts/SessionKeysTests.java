package dev.vanguard.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionKeysTests {

	@Test
	void everyKeyOfASessionHashesToTheSessionsSlot() {
		UUID id = UUID.randomUUID();
		SessionKeys keys = SessionKeys.of(id);
		List<String> all = new ArrayList<>(keys.all(3));
		all.add(keys.channel());
		assertThat(all).hasSize(10 + 3 * 3 + 1).doesNotHaveDuplicates();
		// Redis Cluster hashes only what is between the first '{' and the next '}'.
		assertThat(all).allSatisfy((key) -> {
			assertThat(key).startsWith(SessionKeys.PREFIX);
			int open = key.indexOf('{');
			assertThat(key.substring(open + 1, key.indexOf('}', open))).isEqualTo(id.toString());
		});
		assertThat(keys.pattern()).isEqualTo("vanguard:session:{" + id + "}:*");
	}

	@Test
	void findsTheSessionOfAKeyOrChannel() {
		UUID id = UUID.randomUUID();
		assertThat(SessionKeys.sessionOf(SessionKeys.of(id).channel())).isEqualTo(id);
		assertThat(SessionKeys.sessionOf(SessionKeys.of(id).answers(3))).isEqualTo(id);
		assertThat(SessionKeys.sessionOf("vanguard:session:" + id + ":events")).isNull();
		assertThat(SessionKeys.sessionOf("vanguard:session:{not-a-uuid}:events")).isNull();
		assertThat(SessionKeys.sessionOf("other")).isNull();
	}

	@Test
	void listsTheKeysOfEveryQuestion() {
		SessionKeys keys = SessionKeys.of(UUID.randomUUID());
		assertThat(keys.all(2)).contains(keys.question(0), keys.answers(1), keys.distribution(1))
			.doesNotContain(keys.question(2))
			.contains(keys.state(), keys.players(), keys.kicked(), keys.online(), keys.onlineSockets(),
					keys.onlineLeases(), keys.scores(), keys.streaks(), keys.standings(), keys.lastReveal());
	}

}
