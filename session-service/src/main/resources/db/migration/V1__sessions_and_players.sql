-- A game session: the quiz as it is played (snapshot), the state machine and the
-- sequence number of the last event published for it.
CREATE TABLE game_sessions (
    id                  uuid PRIMARY KEY,
    host_id             uuid        NOT NULL,
    quiz_id             uuid        NOT NULL,
    quiz_title          text        NOT NULL,
    pin                 varchar(6)  NOT NULL,
    status              varchar(16) NOT NULL CHECK (status IN ('LOBBY', 'QUESTION', 'REVEAL', 'PODIUM', 'ENDED')),
    question_count      integer     NOT NULL CHECK (question_count > 0),
    question_index      integer     NOT NULL,
    question_started_at timestamptz,
    question_deadline   timestamptz,
    revealed_at         timestamptz,
    randomise_options   boolean     NOT NULL,
    late_join           boolean     NOT NULL,
    auto_advance        boolean     NOT NULL,
    quiz_snapshot       jsonb       NOT NULL,
    last_seq            bigint      NOT NULL,
    created_at          timestamptz NOT NULL,
    started_at          timestamptz,
    ended_at            timestamptz
);

-- A PIN names one live session; an ended session gives its PIN back.
CREATE UNIQUE INDEX game_sessions_live_pin ON game_sessions (pin) WHERE status <> 'ENDED';
CREATE INDEX game_sessions_by_host ON game_sessions (host_id, created_at DESC);
-- The server clock polls the running sessions several times a second.
CREATE INDEX game_sessions_running ON game_sessions (status) WHERE status IN ('QUESTION', 'REVEAL');

CREATE TABLE players (
    id         uuid PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES game_sessions (id) ON DELETE CASCADE,
    nickname   text        NOT NULL,
    joined_at  timestamptz NOT NULL,
    kicked_at  timestamptz
);

-- Nicknames are unique per session ignoring case; a kicked player's nickname is free again.
CREATE UNIQUE INDEX players_nickname_per_session ON players (session_id, lower(nickname)) WHERE kicked_at IS NULL;
CREATE INDEX players_by_session ON players (session_id, joined_at);
