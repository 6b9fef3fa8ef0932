/**
 * The WebSocket frames of docs/protocol.md, mirroring realtime-service's sealed
 * `ServerFrame` and `ClientFrame`. Fields that do not apply may be absent or null.
 */

export type QuestionType = 'SINGLE_CHOICE' | 'MULTIPLE_SELECT' | 'TRUE_FALSE' | 'TYPE_ANSWER' | 'POLL';
export type SessionStatus = 'LOBBY' | 'QUESTION' | 'REVEAL' | 'PODIUM' | 'ENDED';
export type Role = 'HOST' | 'PLAYER';
export type RevealReason = 'DEADLINE' | 'ALL_ANSWERED' | 'HOST' | 'SKIPPED';

export type ErrorCode =
  | 'MALFORMED'
  | 'UNKNOWN_TYPE'
  | 'NOT_OPEN'
  | 'WRONG_QUESTION'
  | 'LATE'
  | 'ALREADY_ANSWERED'
  | 'INVALID_CHOICE'
  | 'FORBIDDEN'
  | 'UNAVAILABLE';

/** A question as players see it: never its correct answers. */
export interface QuestionView {
  type: QuestionType;
  text: string;
  imageUrl?: string | null;
  options: string[];
  timeLimitSeconds: number;
  points: number;
}

export interface You {
  playerId: string;
  nickname: string;
}

export interface YourAnswer {
  options?: number[] | null;
  text?: string | null;
  responseMs: number;
}

export interface RosterEntry {
  playerId: string;
  nickname: string;
  online: boolean;
}

/** In `top` lists: playerId, nickname, score, rank. As one's own standing: score, rank, streak. */
export interface Standing {
  playerId?: string | null;
  nickname?: string | null;
  score: number;
  rank: number;
  streak?: number | null;
}

export interface LobbyFrame {
  type: 'lobby';
  seq: number;
  title: string;
  questionCount: number;
}

export interface JoinedPlayer {
  playerId: string;
  nickname: string;
}

/** Host only: the players who joined since the last such frame, in join order (at most one per 100 ms). */
export interface PlayersJoinedFrame {
  type: 'players_joined';
  seq: number;
  players: JoinedPlayer[];
  playerCount: number;
}

/** Players only, in the lobby: how many have joined (never who). */
export interface PlayerCountFrame {
  type: 'player_count';
  seq: number;
  playerCount: number;
}

export interface PlayerKickedFrame {
  type: 'player_kicked';
  seq: number;
  playerId: string;
  nickname: string;
  playerCount: number;
}

export interface QuestionFrame {
  type: 'question';
  seq: number;
  createdAt: number;
  serverTime: number;
  questionIndex: number;
  questionCount: number;
  question: QuestionView;
  startedAt: number;
  deadline: number;
}

export interface AnswerCountFrame {
  type: 'answer_count';
  seq: number;
  questionIndex: number;
  answerCount: number;
  playerCount: number;
}

export interface AnswerAcceptedFrame {
  type: 'answer_accepted';
  seq: number;
  questionIndex: number;
  options?: number[] | null;
  text?: string | null;
  responseMs: number;
}

export interface ErrorFrame {
  type: 'error';
  seq: number;
  code: ErrorCode;
  message: string;
  questionIndex?: number | null;
}

export interface RevealFrame {
  type: 'reveal';
  seq: number;
  questionIndex: number;
  questionType: QuestionType;
  correctOptions: number[];
  acceptedAnswers: string[];
  distribution: number[];
  answerCount: number;
  correctCount: number;
  playerCount: number;
  top: Standing[];
  reason: RevealReason;
}

export interface ResultFrame {
  type: 'result';
  seq: number;
  questionIndex: number;
  answered: boolean;
  correct: boolean;
  points: number;
  streak: number;
  score: number;
  rank: number;
  playerCount: number;
}

export interface PodiumFrame {
  type: 'podium';
  seq: number;
  top: Standing[];
  playerCount: number;
}

export interface FinalResultFrame {
  type: 'final_result';
  seq: number;
  score: number;
  rank: number;
  playerCount: number;
}

export interface SessionEndedFrame {
  type: 'session_ended';
  seq: number;
  top: Standing[];
  playerCount: number;
}

export interface PongFrame {
  type: 'pong';
  seq: number;
  serverTime: number;
}

/** Everything needed to draw the current screen; replaces the client's whole state. */
export interface CatchupFrame {
  type: 'catchup';
  seq: number;
  serverTime: number;
  sessionId: string;
  role: Role;
  status: SessionStatus;
  title: string;
  questionCount: number;
  questionIndex: number;
  playerCount: number;
  /** Player only. */
  you?: You | null;
  /** Host only. */
  pin?: string | null;
  question?: QuestionView | null;
  timeLeftMs?: number | null;
  /** Player only: what this player already answered to the open question. */
  answer?: YourAnswer | null;
  /** Host only. */
  answerCount?: number | null;
  /** Host only. */
  players?: RosterEntry[] | null;
  reveal?: Omit<RevealFrame, 'type'> | null;
  /** Player only. */
  result?: Omit<ResultFrame, 'type'> | null;
  podium?: Omit<PodiumFrame, 'type'> | null;
  /** Player only: as of the last reveal (the final one on the podium). */
  standing?: Standing | null;
}

/** Frames caused by a session event: applied once per `type`+`seq`. */
export type EventFrame =
  | LobbyFrame
  | PlayersJoinedFrame
  | PlayerKickedFrame
  | PlayerCountFrame
  | QuestionFrame
  | RevealFrame
  | ResultFrame
  | PodiumFrame
  | FinalResultFrame
  | SessionEndedFrame;

/** Frames that carry the last applied seq and are never skipped. */
export type StatusFrame = CatchupFrame | AnswerAcceptedFrame | AnswerCountFrame | ErrorFrame | PongFrame;

export type ServerFrame = EventFrame | StatusFrame;

export const EVENT_FRAME_TYPES: ReadonlySet<ServerFrame['type']> = new Set<EventFrame['type']>([
  'lobby',
  'players_joined',
  'player_kicked',
  'player_count',
  'question',
  'reveal',
  'result',
  'podium',
  'final_result',
  'session_ended',
]);

export function isEventFrame(frame: ServerFrame): frame is EventFrame {
  return EVENT_FRAME_TYPES.has(frame.type);
}

export type AnswerClientFrame =
  | { type: 'answer'; questionIndex: number; options: number[] }
  | { type: 'answer'; questionIndex: number; text: string };

export type ClientFrame = AnswerClientFrame | { type: 'ping' };

const SERVER_FRAME_TYPES: ReadonlySet<string> = new Set<ServerFrame['type']>([
  ...EVENT_FRAME_TYPES,
  'catchup',
  'answer_accepted',
  'answer_count',
  'error',
  'pong',
]);

/** Parses a text frame; anything that is not a known server frame gives null. */
export function parseServerFrame(data: string): ServerFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, seq } = value as { type?: unknown; seq?: unknown };
  if (typeof type !== 'string' || !SERVER_FRAME_TYPES.has(type) || typeof seq !== 'number') return null;
  return value as ServerFrame;
}
