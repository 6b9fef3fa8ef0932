import { describe, expect, it } from 'vitest';
import type { CatchupFrame, ErrorFrame, QuestionView, ServerFrame } from '../../lib/frames';
import { gameReducer, initialGameState, type GameState } from '../../lib/game-state';
import { isSending, type PendingAnswer } from './pending-answer';

const question: QuestionView = { type: 'SINGLE_CHOICE', text: 'Capital of France?', options: ['Paris', 'Lyon', 'Nice', 'Lille'], timeLimitSeconds: 20, points: 1000 };

/** A player's catch-up in question 0 at seq 3, answered or not. */
function catchup(answer: CatchupFrame['answer'] = undefined): CatchupFrame {
  return {
    type: 'catchup',
    seq: 3,
    serverTime: 1_000_000,
    sessionId: 's1',
    role: 'PLAYER',
    you: { playerId: 'p1', nickname: 'Ann' },
    status: 'QUESTION',
    title: 'Capitals',
    questionCount: 3,
    questionIndex: 0,
    playerCount: 1,
    question,
    timeLeftMs: 12_000,
    answer,
  };
}

const play = (frames: ServerFrame[], from: GameState = initialGameState) => frames.reduce(gameReducer, from);

const sent = (state: GameState): PendingAnswer => ({ questionIndex: state.questionIndex, errorBefore: state.error, catchupsBefore: state.catchups });

describe('isSending', () => {
  it('waits for the reply to an answer, and stops at its acceptance', () => {
    const open = play([catchup()]);
    const pending = sent(open);
    expect(isSending(pending, open)).toBe(true);
    const accepted = gameReducer(open, { type: 'answer_accepted', seq: 3, questionIndex: 0, options: [1], responseMs: 900 });
    expect(isSending(pending, accepted)).toBe(false);
  });

  it('lets the player answer again after a catch-up at the same seq that no longer shows the answer', () => {
    // The server acknowledged the answer, then lost it with its state (Redis restarted empty)
    // and rebuilt the state at the same seq: its catch-up shows the question unanswered.
    const answered = play([catchup(), { type: 'answer_accepted', seq: 3, questionIndex: 0, options: [1], responseMs: 900 }]);
    const rebuilt = gameReducer(answered, catchup());
    expect(rebuilt.answer).toBeNull();
    expect(isSending(sent(play([catchup()])), rebuilt)).toBe(false);
  });

  it('lets the player answer again once the catch-up after a refusal to send it again arrives', () => {
    const open = play([catchup()]);
    const pending = sent(open);
    const unavailable: ErrorFrame = { type: 'error', seq: 3, code: 'UNAVAILABLE', message: 'Send it again', questionIndex: 0 };
    const refused = gameReducer(open, unavailable);
    expect(isSending(pending, refused)).toBe(false);
    // the catch-up clears the error; the answer it never recorded is not pending any more
    const rebuilt = gameReducer(refused, catchup());
    expect(rebuilt.error).toBeNull();
    expect(isSending(pending, rebuilt)).toBe(false);
  });
});
