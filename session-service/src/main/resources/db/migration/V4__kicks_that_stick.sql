-- A join names the device it comes from: a hash of a secret the player app keeps per
-- session (never the secret itself). A kicked device cannot join the session again.
ALTER TABLE players ADD COLUMN device_hash varchar(64);
CREATE INDEX players_kicked_devices ON players (session_id, device_hash) WHERE kicked_at IS NOT NULL;

-- Nicknames are compared by a key (case-folded, look-alike characters folded together),
-- so "Ann" and "ANN" cannot both be in a session.
ALTER TABLE players ADD COLUMN nickname_key text;
UPDATE players SET nickname_key = lower(nickname);
ALTER TABLE players ALTER COLUMN nickname_key SET NOT NULL;
DROP INDEX players_nickname_per_session;
CREATE UNIQUE INDEX players_nickname_per_session ON players (session_id, nickname_key) WHERE kicked_at IS NULL;

-- Nicknames the host banned from a session, by the same key.
CREATE TABLE banned_nicknames (
    session_id   uuid        NOT NULL REFERENCES game_sessions (id) ON DELETE CASCADE,
    nickname_key text        NOT NULL,
    nickname     text        NOT NULL,
    banned_at    timestamptz NOT NULL,
    PRIMARY KEY (session_id, nickname_key)
);
