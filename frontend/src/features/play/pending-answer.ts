import type { ErrorFrame } from '../../lib/frames';
import type { GameState } from '../../lib/game-state';

/** An answer the phone sent and the server has not answered yet. */
export interface PendingAnswer {
  questionIndex: number;
  /** The refusal shown when it was sent: a new one is the server's reply. */
  errorBefore: ErrorFrame | null;
  /** `GameState.catchups` when it was sent. */
  catchupsBefore: number;
}

/**
 * Whether the phone still waits for the server's reply to the answer it sent, and so keeps the
 * answer buttons disabled. The reply is an acceptance (the state then has an answer), a refusal
 * (a new error), or a catch-up: it shows the answer if the server holds one, and one that shows
 * none (the server lost the answer with its state) must let the player answer again.
 */
export function isSending(pending: PendingAnswer | null, state: GameState): boolean {
  return (
    pending !== null &&
    pending.questionIndex === state.questionIndex &&
    state.status === 'QUESTION' &&
    !state.answer &&
    state.error === pending.errorBefore &&
    state.catchups === pending.catchupsBefore
  );
}
