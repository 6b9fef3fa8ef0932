package dev.vanguard.session.player;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The nicknames a host banned from a session, by their {@link Nicknames#key key}, so a
 * look-alike or another case of the name is banned too. Runs in the caller's transaction.
 */
@Component
public class NicknameBans {

	private final JdbcClient jdbc;

	NicknameBans(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void ban(UUID sessionId, String nicknameKey, String nickname, Instant now) {
		this.jdbc.sql("""
				INSERT INTO banned_nicknames (session_id, nickname_key, nickname, banned_at) VALUES (?, ?, ?, ?)
				ON CONFLICT DO NOTHING""").params(sessionId, nicknameKey, nickname, Timestamp.from(now)).update();
	}

	public boolean isBanned(UUID sessionId, String nicknameKey) {
		return this.jdbc.sql("SELECT count(*) > 0 FROM banned_nicknames WHERE session_id = ? AND nickname_key = ?")
			.params(sessionId, nicknameKey)
			.query(Boolean.class)
			.single();
	}

	/** The banned nicknames as the host typed them, oldest first. */
	public List<String> list(UUID sessionId) {
		return this.jdbc.sql("SELECT nickname FROM banned_nicknames WHERE session_id = ? ORDER BY banned_at, nickname")
			.params(sessionId)
			.query(String.class)
			.list();
	}

}
