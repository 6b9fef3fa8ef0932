import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { deviceSecret } from '../device-secret';
import type { PatternShape } from '../join-pattern';

export interface JoinedGame {
  sessionId: string;
  playerId: string;
  nickname: string;
  token: string;
}

export interface Joining {
  /** Left out with friendly nicknames: the server names the player. */
  nickname?: string;
  /** With two-step join: the shapes on the big screen, in order. */
  pattern?: PatternShape[];
}

export function joinGame(pin: string, { nickname, pattern }: Joining): Promise<JoinedGame> {
  return apiRequest<JoinedGame>(`/api/sessions/pin/${encodeURIComponent(pin)}/players`, {
    method: 'POST',
    auth: false,
    body: { ...(nickname === undefined ? {} : { nickname }), deviceSecret: deviceSecret(), ...(pattern ? { pattern } : {}) },
  });
}

export function useJoinGame(pin: string) {
  return useMutation({ mutationFn: (joining: Joining) => joinGame(pin, joining) });
}
