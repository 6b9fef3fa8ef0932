-- The host's controls of the lobby: refuse new joins, cap the number of players, and
-- two-step join (a join must name the pattern shown on the host's screen).
ALTER TABLE game_sessions ADD COLUMN locked        boolean NOT NULL DEFAULT false;
ALTER TABLE game_sessions ADD COLUMN max_players   integer CHECK (max_players > 0);
ALTER TABLE game_sessions ADD COLUMN two_step_join boolean NOT NULL DEFAULT false;
ALTER TABLE game_sessions ADD COLUMN join_pattern  varchar(64);
