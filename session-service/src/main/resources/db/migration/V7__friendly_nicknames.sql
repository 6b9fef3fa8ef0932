-- With friendly nicknames the server names each joining player (adjective + animal)
-- instead of taking the name they typed: for classrooms.
ALTER TABLE game_sessions ADD COLUMN friendly_nicknames boolean NOT NULL DEFAULT false;
