import { describe, expect, it } from 'vitest';
import type { CatchupFrame, ServerFrame } from '../../lib/frames';
import { gameReducer, initialGameState, type GameState } from '../../lib/game-state';

// The host's big screen is the same reducer as the phone's, fed the host-only frames.
const lobby: CatchupFrame = {
  type: 'catchup',
  seq: 3,
  serverTime: 1_000,
  sessionId: 's1',
  role: 'HOST',
  status: 'LOBBY',
  title: 'Capitals',
  questionCount: 2,
  questionIndex: -1,
  playerCount: 2,
  pin: '012345',
  players: [
    { playerId: 'a', nickname: 'Ann', online: true },
    { playerId: 'b', nickname: 'Bob', online: true },
  ],
};

const play = (...frames: ServerFrame[]): GameState => frames.reduce(gameReducer, initialGameState);
const question: ServerFrame = {
  type: 'question',
  seq: 6,
  createdAt: 2_000,
  serverTime: 2_010,
  questionIndex: 0,
  questionCount: 2,
  question: { type: 'SINGLE_CHOICE', text: 'Capital of France?', options: ['Paris', 'Lyon'], timeLimitSeconds: 20, points: 1000 },
  startedAt: 2_000,
  deadline: 22_000,
};

describe('the host game state', () => {
  it('keeps the PIN and the roster from the catch-up, and follows joins and kicks', () => {
    const state = play(
      lobby,
      { type: 'players_joined', seq: 4, players: [{ playerId: 'c', nickname: 'Cat' }], playerCount: 3 },
      { type: 'player_kicked', seq: 5, playerId: 'a', nickname: 'Ann', playerCount: 2 },
      // A repeat of an applied event changes nothing.
      { type: 'players_joined', seq: 4, players: [{ playerId: 'c', nickname: 'Cat' }], playerCount: 3 },
    );
    expect(state.pin).toBe('012345');
    expect(state.players.map((player) => player.nickname)).toEqual(['Bob', 'Cat']);
    expect(state.playerCount).toBe(2);
  });

  it('counts answers to the open question only', () => {
    const state = play(
      lobby,
      question,
      { type: 'answer_count', seq: 6, questionIndex: 0, answerCount: 1, playerCount: 2 },
      { type: 'answer_count', seq: 6, questionIndex: 1, answerCount: 9, playerCount: 2 },
    );
    expect(state.status).toBe('QUESTION');
    expect(state.deadline).toBe(22_000);
    expect(state.answerCount).toBe(1);
  });

  it('shows the reveal with its distribution and top, then the podium', () => {
    const top = [{ playerId: 'b', nickname: 'Bob', score: 950, rank: 1 }];
    const revealed = play(lobby, question, {
      type: 'reveal',
      seq: 7,
      questionIndex: 0,
      questionType: 'SINGLE_CHOICE',
      correctOptions: [0],
      acceptedAnswers: [],
      distribution: [1, 1],
      answerCount: 2,
      correctCount: 1,
      playerCount: 2,
      top,
      reason: 'ALL_ANSWERED',
    });
    expect(revealed.status).toBe('REVEAL');
    expect(revealed.reveal?.distribution).toEqual([1, 1]);
    expect(revealed.question?.options).toEqual(['Paris', 'Lyon']);
    const podium = gameReducer(revealed, { type: 'podium', seq: 8, top, playerCount: 2 });
    expect(podium.status).toBe('PODIUM');
    expect(podium.top).toEqual(top);
  });

  it('resumes mid-question from a catch-up after a reload', () => {
    const state = play({ ...lobby, seq: 6, serverTime: 5_000, status: 'QUESTION', questionIndex: 0, question: (question as { question: CatchupFrame['question'] }).question, timeLeftMs: 12_000, answerCount: 1 });
    expect(state.status).toBe('QUESTION');
    expect(state.deadline).toBe(17_000);
    expect(state.answerCount).toBe(1);
  });
});
