-- When anything last happened in a session (an event): a lobby or game left idle for
-- long ends by itself, so its PIN is freed and its results are stored.
ALTER TABLE game_sessions ADD COLUMN last_activity_at timestamptz;
UPDATE game_sessions SET last_activity_at = coalesce(revealed_at, question_started_at, started_at, created_at);
ALTER TABLE game_sessions ALTER COLUMN last_activity_at SET NOT NULL;
CREATE INDEX game_sessions_idle ON game_sessions (last_activity_at) WHERE status <> 'ENDED';
