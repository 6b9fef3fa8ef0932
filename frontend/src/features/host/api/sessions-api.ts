import { apiRequest } from '../../../lib/api-client';
import type { SessionStatus } from '../../../lib/frames';

export interface SessionSettings {
  randomiseOptions: boolean;
  lateJoin: boolean;
  autoAdvance: boolean;
}

export interface SessionCreated {
  id: string;
  pin: string;
  status: SessionStatus;
  quizTitle: string;
  questionCount: number;
  settings: SessionSettings;
}

/** The host's controls (docs/api/sessions.md); each answers the new SessionState. */
export type SessionControl = 'start' | 'reveal' | 'next' | 'skip' | 'end';

export function openSession(quizId: string, settings: SessionSettings): Promise<SessionCreated> {
  return apiRequest('/api/sessions', { method: 'POST', body: { quizId, settings } });
}

export function controlSession(sessionId: string, control: SessionControl): Promise<unknown> {
  return apiRequest(`/api/sessions/${encodeURIComponent(sessionId)}/${control}`, { method: 'POST' });
}

/** Removes the player; with `banNickname` their nickname (and look-alikes) cannot join this game again either. */
export function kickPlayer(sessionId: string, playerId: string, banNickname = false): Promise<void> {
  const query = banNickname ? '?banNickname=true' : '';
  return apiRequest(`/api/sessions/${encodeURIComponent(sessionId)}/players/${encodeURIComponent(playerId)}${query}`, { method: 'DELETE' });
}
