import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { SessionStatus } from '../../../lib/frames';

export interface GameByPin {
  sessionId: string;
  joinable: boolean;
  status: SessionStatus;
  quizTitle: string;
  /** The host asks for the pattern on the big screen with the join. */
  twoStepJoin: boolean;
  /** The server names every player; the nickname sent is ignored. */
  friendlyNicknames: boolean;
}

export function getGameByPin(pin: string, signal?: AbortSignal): Promise<GameByPin> {
  return apiRequest<GameByPin>(`/api/sessions/pin/${encodeURIComponent(pin)}`, { auth: false, signal });
}

export function useGameByPin(pin: string) {
  return useQuery({
    queryKey: ['game-by-pin', pin],
    queryFn: ({ signal }) => getGameByPin(pin, signal),
    staleTime: 5_000,
  });
}
