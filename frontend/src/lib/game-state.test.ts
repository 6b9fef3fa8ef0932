import { describe, expect, it } from 'vitest';
import type { AnswerAcceptedFrame, CatchupFrame, ErrorFrame, QuestionFrame, QuestionView, RevealFrame, ResultFrame, ServerFrame } from './frames';
import { gameReducer, initialGameState, type GameState } from './game-state';

const question: QuestionView = { type: 'SINGLE_CHOICE', text: 'Capital of France?', options: ['Paris', 'Lyon', 'Nice', 'Lille'], timeLimitSeconds: 20, points: 1000 };

function playerCatchup(overrides: Partial<CatchupFrame> = {}): CatchupFrame {
  return {
    type: 'catchup',
    seq: 2,
    serverTime: 1_000_000,
    sessionId: 's1',
    role: 'PLAYER',
    you: { playerId: 'p1', nickname: 'Ann' },
    status: 'LOBBY',
    title: 'Capitals',
    questionCount: 3,
    questionIndex: -1,
    playerCount: 1,
    ...overrides,
  };
}

function hostCatchup(overrides: Partial<CatchupFrame> = {}): CatchupFrame {
  return {
    type: 'catchup',
    seq: 1,
    serverTime: 1_000_000,
    sessionId: 's1',
    role: 'HOST',
    status: 'LOBBY',
    title: 'Capitals',
    questionCount: 3,
    questionIndex: -1,
    playerCount: 0,
    pin: '123456',
    players: [],
    ...overrides,
  };
}

const questionFrame = (seq: number, questionIndex: number): QuestionFrame => ({
  type: 'question',
  seq,
  createdAt: 2_000_000,
  serverTime: 2_000_003,
  questionIndex,
  questionCount: 3,
  question,
  startedAt: 2_000_000,
  deadline: 2_020_000,
});

const reveal = (seq: number, questionIndex: number): RevealFrame => ({
  type: 'reveal',
  seq,
  questionIndex,
  questionType: 'SINGLE_CHOICE',
  correctOptions: [0],
  acceptedAnswers: [],
  distribution: [1, 0, 0, 0],
  answerCount: 1,
  correctCount: 1,
  playerCount: 2,
  top: [{ playerId: 'p1', nickname: 'Ann', score: 950, rank: 1 }],
  reason: 'DEADLINE',
});

const result = (seq: number, questionIndex: number, score = 950): ResultFrame => ({
  type: 'result',
  seq,
  questionIndex,
  answered: true,
  correct: true,
  points: 950,
  streak: 1,
  score,
  rank: 1,
  playerCount: 2,
});

const play = (frames: ServerFrame[], from: GameState = initialGameState) => frames.reduce(gameReducer, from);

describe('gameReducer', () => {
  it('ignores every frame until the first catch-up', () => {
    expect(play([questionFrame(3, 0), { type: 'pong', seq: 1, serverTime: 5 }])).toBe(initialGameState);
  });

  it('draws the lobby from a player catch-up', () => {
    const state = play([playerCatchup()]);
    expect(state).toMatchObject({ status: 'LOBBY', role: 'PLAYER', you: { nickname: 'Ann' }, playerCount: 1, title: 'Capitals', catchupSeq: 2 });
  });

  it('applies a lobby frame', () => {
    const state = play([playerCatchup({ seq: 0, status: 'LOBBY', title: '' }), { type: 'lobby', seq: 1, title: 'Capitals', questionCount: 4 }]);
    expect(state).toMatchObject({ status: 'LOBBY', title: 'Capitals', questionCount: 4 });
  });

  it('opens a question with its server deadline and forgets the previous answer', () => {
    const state = play([playerCatchup(), questionFrame(3, 0)]);
    expect(state).toMatchObject({ status: 'QUESTION', questionIndex: 0, question, deadline: 2_020_000, answer: null });
  });

  it('records the acknowledged answer of the open question only', () => {
    const accepted: AnswerAcceptedFrame = { type: 'answer_accepted', seq: 3, questionIndex: 0, options: [0], responseMs: 2140 };
    const stale = { ...accepted, questionIndex: 5 };
    const state = play([playerCatchup(), questionFrame(3, 0), stale]);
    expect(state.answer).toBeNull();
    expect(gameReducer(state, accepted).answer).toEqual({ options: [0], text: null, responseMs: 2140 });
  });

  it('keeps a refused answer as an error, and the next question clears it', () => {
    const error: ErrorFrame = { type: 'error', seq: 3, code: 'LATE', message: 'Too late', questionIndex: 0 };
    const refused = play([playerCatchup(), questionFrame(3, 0), error]);
    expect(refused.error).toEqual(error);
    expect(play([reveal(4, 0), questionFrame(5, 1)], refused).error).toBeNull();
  });

  it('shows the reveal and the player own result, which share a seq', () => {
    const state = play([playerCatchup(), questionFrame(3, 0), reveal(4, 0), result(4, 0)]);
    expect(state.status).toBe('REVEAL');
    expect(state.reveal?.correctOptions).toEqual([0]);
    expect(state.result).toMatchObject({ correct: true, points: 950, rank: 1 });
    expect(state.standing).toEqual({ score: 950, rank: 1, streak: 1 });
    expect(state.deadline).toBeNull();
  });

  it('applies a repeated frame once', () => {
    const once = play([playerCatchup(), questionFrame(3, 0), reveal(4, 0), result(4, 0, 950)]);
    const repeated = play([result(4, 0, 5000), reveal(4, 0)], once);
    expect(repeated).toBe(once);
  });

  it('drops a frame older than the last applied event (out of order)', () => {
    const later = play([playerCatchup(), questionFrame(3, 0), reveal(4, 0), questionFrame(5, 1)]);
    const late = gameReducer(later, reveal(4, 0));
    expect(late).toBe(later);
    expect(late).toMatchObject({ status: 'QUESTION', questionIndex: 1 });
  });

  it('drops events the catch-up already shows', () => {
    const caughtUp = play([playerCatchup({ seq: 7, status: 'QUESTION', questionIndex: 1, question, timeLeftMs: 12_500, answer: { options: [2], responseMs: 800 } })]);
    expect(play([questionFrame(7, 1), questionFrame(6, 1)], caughtUp)).toBe(caughtUp);
  });

  it('resumes mid-question from a catch-up: deadline from the server clock, already answered', () => {
    const state = play([
      playerCatchup(),
      questionFrame(3, 0),
      playerCatchup({ seq: 3, serverTime: 2_007_500, status: 'QUESTION', questionIndex: 0, question, timeLeftMs: 12_500, answer: { options: [0], responseMs: 2140 }, standing: null }),
    ]);
    expect(state).toMatchObject({ status: 'QUESTION', deadline: 2_020_000, answer: { options: [0], responseMs: 2140 } });
  });

  it('replaces the whole state on a catch-up, even with a lower seq', () => {
    const before = play([playerCatchup(), questionFrame(3, 0), reveal(4, 0), result(4, 0)]);
    const after = gameReducer(before, playerCatchup({ seq: 2 }));
    expect(after).toMatchObject({ status: 'LOBBY', reveal: null, result: null, catchupSeq: 2, applied: [] });
  });

  it('redraws a reveal from a catch-up', () => {
    const { type: _r, ...revealFields } = reveal(4, 0);
    const { type: _p, ...resultFields } = result(4, 0);
    const state = play([playerCatchup({ seq: 4, status: 'REVEAL', questionIndex: 0, question, reveal: revealFields, result: resultFields, standing: { score: 950, rank: 1, streak: 1 } })]);
    expect(state).toMatchObject({ status: 'REVEAL', reveal: { correctOptions: [0] }, result: { points: 950 }, standing: { rank: 1 } });
  });

  it('ends with the podium, the final result and the end of the session', () => {
    const top = [{ playerId: 'p1', nickname: 'Ann', score: 4210, rank: 1 }];
    const state = play([
      playerCatchup(),
      questionFrame(3, 0),
      reveal(4, 0),
      { type: 'podium', seq: 5, top, playerCount: 2 },
      { type: 'final_result', seq: 5, score: 4210, rank: 1, playerCount: 2 },
    ]);
    expect(state).toMatchObject({ status: 'PODIUM', top, final: { score: 4210, rank: 1, playerCount: 2 } });
    const ended = play([{ type: 'session_ended', seq: 6, top, playerCount: 2 }, { type: 'final_result', seq: 6, score: 4210, rank: 1, playerCount: 2 }], state);
    expect(ended).toMatchObject({ status: 'ENDED', final: { rank: 1 } });
  });

  it('takes the final standing from a catch-up on the podium', () => {
    const state = play([playerCatchup({ seq: 9, status: 'PODIUM', podium: { seq: 9, top: [], playerCount: 2 }, standing: { score: 3000, rank: 2, streak: 0 }, playerCount: 2 })]);
    expect(state.final).toEqual({ score: 3000, rank: 2, playerCount: 2 });
  });

  it('keeps the host roster from players_joined and player_kicked', () => {
    const state = play([
      hostCatchup({ players: [{ playerId: 'p0', nickname: 'Zoe', online: true }], playerCount: 1 }),
      {
        type: 'players_joined',
        seq: 3,
        players: [
          { playerId: 'p1', nickname: 'Ann' },
          { playerId: 'p2', nickname: 'Bob' },
        ],
        playerCount: 3,
      },
      { type: 'player_kicked', seq: 4, playerId: 'p1', nickname: 'Ann', playerCount: 2 },
      { type: 'players_joined', seq: 5, players: [{ playerId: 'p3', nickname: 'Cid' }], playerCount: 3 },
    ]);
    expect(state.players.map((p) => p.nickname)).toEqual(['Zoe', 'Bob', 'Cid']);
    expect(state.players.every((p) => !p.online || p.playerId === 'p0')).toBe(true);
    expect(state).toMatchObject({ playerCount: 3, pin: '123456', role: 'HOST' });
  });

  it('lists once a player that both the catch-up and a later roster frame name', () => {
    // The frame gathers joins from both sides of the catch-up: its seq is above it, its first player is not.
    const state = play([
      hostCatchup({ seq: 3, players: [{ playerId: 'p1', nickname: 'Ann', online: true }], playerCount: 1 }),
      {
        type: 'players_joined',
        seq: 4,
        players: [
          { playerId: 'p1', nickname: 'Ann' },
          { playerId: 'p2', nickname: 'Bob' },
        ],
        playerCount: 2,
      },
    ]);
    expect(state.players).toEqual([
      { playerId: 'p1', nickname: 'Ann', online: true },
      { playerId: 'p2', nickname: 'Bob', online: false },
    ]);
    expect(state.playerCount).toBe(2);
  });

  it('drops a roster frame the catch-up already covers', () => {
    const state = play([hostCatchup({ seq: 5, playerCount: 0 }), { type: 'players_joined', seq: 5, players: [{ playerId: 'p1', nickname: 'Ann' }], playerCount: 1 }]);
    expect(state.players).toEqual([]);
    expect(state.playerCount).toBe(0);
  });

  it('follows the player count in the lobby, never going back to an older one', () => {
    const counted = play([
      playerCatchup({ seq: 2, playerCount: 1 }),
      { type: 'player_count', seq: 4, playerCount: 3 },
      { type: 'player_count', seq: 4, playerCount: 3 },
      { type: 'player_count', seq: 3, playerCount: 2 },
    ]);
    expect(counted.playerCount).toBe(3);
    expect(counted.players).toEqual([]);
    expect(play([{ type: 'player_count', seq: 2, playerCount: 7 }], counted).playerCount).toBe(3);
    expect(play([{ type: 'player_count', seq: 6, playerCount: 2 }], counted).playerCount).toBe(2);
  });

  it('counts answers for the host, for the open question only', () => {
    const open = play([hostCatchup(), questionFrame(2, 0)]);
    const counted = play([{ type: 'answer_count', seq: 2, questionIndex: 0, answerCount: 9, playerCount: 12 }], open);
    expect(counted).toMatchObject({ answerCount: 9, playerCount: 12 });
    expect(play([{ type: 'answer_count', seq: 2, questionIndex: 3, answerCount: 1, playerCount: 12 }], counted).answerCount).toBe(9);
  });

  it('leaves the state alone on a pong', () => {
    const state = play([hostCatchup()]);
    expect(gameReducer(state, { type: 'pong', seq: 1, serverTime: 5 })).toBe(state);
  });
});
