-- Set when a session's live state in Redis was lost while it ran (Redis came back empty, or
-- its state expired): its results then hold what was durable, and say so.
ALTER TABLE game_sessions ADD COLUMN live_state_lost boolean NOT NULL DEFAULT false;
