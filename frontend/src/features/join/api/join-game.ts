import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { deviceSecret } from '../device-secret';

export interface JoinedGame {
  sessionId: string;
  playerId: string;
  nickname: string;
  token: string;
}

export function joinGame(pin: string, nickname: string): Promise<JoinedGame> {
  return apiRequest<JoinedGame>(`/api/sessions/pin/${encodeURIComponent(pin)}/players`, {
    method: 'POST',
    auth: false,
    body: { nickname, deviceSecret: deviceSecret() },
  });
}

export function useJoinGame(pin: string) {
  return useMutation({ mutationFn: (nickname: string) => joinGame(pin, nickname) });
}
