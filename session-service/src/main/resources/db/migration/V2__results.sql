-- Final standings of an ended session, one row per player who was still in the game.
CREATE TABLE session_results (
    session_id     uuid    NOT NULL REFERENCES game_sessions (id) ON DELETE CASCADE,
    player_id      uuid    NOT NULL,
    nickname       text    NOT NULL,
    rank           integer NOT NULL,
    total_score    bigint  NOT NULL,
    correct_count  integer NOT NULL,
    answered_count integer NOT NULL,
    PRIMARY KEY (session_id, player_id)
);

-- Every answer realtime-service recorded in Redis, copied when the session ended.
-- options are indexes into the options as played (after any shuffle).
CREATE TABLE player_answers (
    session_id     uuid    NOT NULL REFERENCES game_sessions (id) ON DELETE CASCADE,
    player_id      uuid    NOT NULL,
    question_index integer NOT NULL,
    options        jsonb,
    answer_text    text,
    correct        boolean NOT NULL,
    points         integer NOT NULL,
    streak         integer NOT NULL,
    response_ms    bigint  NOT NULL,
    answered_at    timestamptz,
    PRIMARY KEY (session_id, player_id, question_index)
);
