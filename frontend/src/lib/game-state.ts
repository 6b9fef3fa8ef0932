import type {
  CatchupFrame,
  ErrorFrame,
  EventFrame,
  QuestionView,
  RevealFrame,
  ResultFrame,
  Role,
  RosterEntry,
  ServerFrame,
  SessionStatus,
  Standing,
  You,
  YourAnswer,
} from './frames';
import { isEventFrame } from './frames';

export type Reveal = Omit<RevealFrame, 'type' | 'seq'>;
export type QuestionResult = Omit<ResultFrame, 'type' | 'seq'>;

export interface FinalStanding {
  score: number;
  rank: number;
  playerCount: number;
}

/** The live game as one screen (host or player) needs it: a pure function of the frames. */
export interface GameState {
  /** Null until the first catch-up. */
  status: SessionStatus | null;
  role: Role | null;
  sessionId: string | null;
  title: string;
  questionCount: number;
  /** -1 in the lobby. */
  questionIndex: number;
  playerCount: number;
  you: You | null;
  /** Host only. */
  pin: string | null;
  /** Host only: the lobby roster. */
  players: RosterEntry[];
  question: QuestionView | null;
  /** The open question's deadline by the server's clock (epoch ms). */
  deadline: number | null;
  /** Player only: this player's recorded answer to the open question. */
  answer: YourAnswer | null;
  /** Host only: answers so far to the open question. */
  answerCount: number;
  reveal: Reveal | null;
  /** Player only: own result of the revealed question. */
  result: QuestionResult | null;
  /** Player only: total score, rank and streak as of the last reveal. */
  standing: Standing | null;
  /** The podium's top 3, or the final top when the session ended. */
  top: Standing[];
  /** Player only: final score and rank. */
  final: FinalStanding | null;
  /** The last refusal of a client frame, until the next question. */
  error: ErrorFrame | null;
  /** The last catch-up's seq: it already reflects every event up to and including this one. */
  catchupSeq: number;
  /** Highest seq of an applied event: the state never goes back before it. */
  eventSeq: number;
  /** `type:seq` of the event frames applied since the last catch-up. */
  applied: readonly string[];
  /**
   * How many catch-ups the state was drawn from. A catch-up can come at the same seq (the server
   * rebuilt its state after losing it), so this, not the seq, says that one came.
   */
  catchups: number;
}

export const initialGameState: GameState = {
  status: null,
  role: null,
  sessionId: null,
  title: '',
  questionCount: 0,
  questionIndex: -1,
  playerCount: 0,
  you: null,
  pin: null,
  players: [],
  question: null,
  deadline: null,
  answer: null,
  answerCount: 0,
  reveal: null,
  result: null,
  standing: null,
  top: [],
  final: null,
  error: null,
  catchupSeq: 0,
  eventSeq: 0,
  applied: [],
  catchups: 0,
};

/** How many applied `type:seq` keys are remembered; repeats come soon after the original. */
const APPLIED_MEMORY = 64;

function withoutTypeAndSeq<T extends { type?: unknown; seq?: unknown }>(frame: T): Omit<T, 'type' | 'seq'> {
  const { type: _type, seq: _seq, ...rest } = frame;
  return rest;
}

function fromCatchup(frame: CatchupFrame): GameState {
  const inQuestion = frame.status === 'QUESTION';
  const finalStanding =
    (frame.status === 'PODIUM' || frame.status === 'ENDED') && frame.role === 'PLAYER' && frame.standing
      ? { score: frame.standing.score, rank: frame.standing.rank, playerCount: frame.playerCount }
      : null;
  return {
    ...initialGameState,
    status: frame.status,
    role: frame.role,
    sessionId: frame.sessionId,
    title: frame.title,
    questionCount: frame.questionCount,
    questionIndex: frame.questionIndex,
    playerCount: frame.playerCount,
    you: frame.you ?? null,
    pin: frame.pin ?? null,
    players: frame.players ?? [],
    question: frame.question ?? null,
    deadline: inQuestion && frame.timeLeftMs != null ? frame.serverTime + frame.timeLeftMs : null,
    answer: inQuestion ? (frame.answer ?? null) : null,
    answerCount: frame.answerCount ?? 0,
    reveal: frame.status === 'REVEAL' && frame.reveal ? withoutTypeAndSeq(frame.reveal) : null,
    result: frame.status === 'REVEAL' && frame.result ? withoutTypeAndSeq(frame.result) : null,
    standing: frame.standing ?? null,
    top: frame.podium?.top ?? [],
    final: finalStanding,
    catchupSeq: frame.seq,
    eventSeq: frame.seq,
    applied: [],
  };
}

function applyEvent(state: GameState, frame: EventFrame): GameState {
  switch (frame.type) {
    case 'lobby':
      return { ...state, status: 'LOBBY', title: frame.title, questionCount: frame.questionCount, questionIndex: -1 };
    case 'players_joined': {
      // A frame may repeat players a catch-up already listed (it covers joins on both sides of it).
      const known = new Set(state.players.map((p) => p.playerId));
      const added = frame.players
        .filter((p) => !known.has(p.playerId) && (known.add(p.playerId), true))
        .map((p) => ({ playerId: p.playerId, nickname: p.nickname, online: false }));
      return {
        ...state,
        playerCount: frame.playerCount,
        players: added.length > 0 ? [...state.players, ...added] : state.players,
      };
    }
    case 'player_count':
      return { ...state, playerCount: frame.playerCount };
    case 'player_kicked':
      return {
        ...state,
        playerCount: frame.playerCount,
        players: state.players.filter((p) => p.playerId !== frame.playerId),
      };
    case 'question':
      return {
        ...state,
        status: 'QUESTION',
        questionIndex: frame.questionIndex,
        questionCount: frame.questionCount,
        question: frame.question,
        deadline: frame.deadline,
        answer: null,
        answerCount: 0,
        reveal: null,
        result: null,
        error: null,
      };
    case 'reveal':
      return {
        ...state,
        status: 'REVEAL',
        questionIndex: frame.questionIndex,
        deadline: null,
        playerCount: frame.playerCount,
        answerCount: frame.answerCount,
        reveal: withoutTypeAndSeq(frame),
      };
    case 'result':
      return {
        ...state,
        result: withoutTypeAndSeq(frame),
        standing: { score: frame.score, rank: frame.rank, streak: frame.streak },
        playerCount: frame.playerCount,
      };
    case 'podium':
      return { ...state, status: 'PODIUM', question: null, deadline: null, top: frame.top, playerCount: frame.playerCount };
    case 'final_result':
      return {
        ...state,
        final: { score: frame.score, rank: frame.rank, playerCount: frame.playerCount },
        standing: { ...state.standing, score: frame.score, rank: frame.rank },
      };
    case 'session_ended':
      return {
        ...state,
        status: 'ENDED',
        question: null,
        deadline: null,
        top: frame.top.length > 0 ? frame.top : state.top,
        playerCount: frame.playerCount,
      };
  }
}

/**
 * Applies one server frame. A catch-up replaces the whole state. An event frame is dropped when
 * one of the same `type` and `seq` was already applied, when the last catch-up already reflects
 * it (its seq is not above the catch-up's), or when it is older than an event already applied
 * (the state never goes back).
 */
export function gameReducer(state: GameState, frame: ServerFrame): GameState {
  if (frame.type === 'catchup') return { ...fromCatchup(frame), catchups: state.catchups + 1 };
  if (state.status === null) return state; // nothing but a catch-up can start the state
  if (isEventFrame(frame)) {
    const key = `${frame.type}:${frame.seq}`;
    if (frame.seq <= state.catchupSeq || frame.seq < state.eventSeq || state.applied.includes(key)) return state;
    const next = applyEvent(state, frame);
    return { ...next, eventSeq: frame.seq, applied: [...state.applied, key].slice(-APPLIED_MEMORY) };
  }
  switch (frame.type) {
    case 'answer_accepted':
      if (state.status !== 'QUESTION' || frame.questionIndex !== state.questionIndex) return state;
      return {
        ...state,
        answer: { options: frame.options ?? null, text: frame.text ?? null, responseMs: frame.responseMs },
        error: null,
      };
    case 'answer_count':
      if (frame.questionIndex !== state.questionIndex) return state;
      return { ...state, answerCount: frame.answerCount, playerCount: frame.playerCount };
    case 'error':
      return { ...state, error: frame };
    case 'pong':
      return state;
  }
}
