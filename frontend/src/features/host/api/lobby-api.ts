import { apiRequest } from '../../../lib/api-client';

/** The four shapes of a two-step join pattern, as the server names them (docs/api/sessions.md). */
export type PatternShape = 'triangle' | 'diamond' | 'circle' | 'square';

/** The host's lobby controls, as `PUT /api/sessions/{id}/lobby` answers them. */
export interface Lobby {
  locked: boolean;
  /** Null when uncapped. */
  maxPlayers: number | null;
  twoStepJoin: boolean;
  /** With two-step join, the four shapes the big screen shows in order; else null. */
  joinPattern: PatternShape[] | null;
  friendlyNicknames: boolean;
}

/** What the host may set: the whole state at once (a missing switch would be off). */
export type LobbySettings = Omit<Lobby, 'joinPattern'>;

/** The largest cap the server takes. */
export const MAX_PLAYERS_LIMIT = 100_000;

interface SessionDetails {
  lobby: Lobby;
}

export async function getLobby(sessionId: string): Promise<Lobby> {
  const details = await apiRequest<SessionDetails>(`/api/sessions/${encodeURIComponent(sessionId)}`);
  return details.lobby;
}

export function updateLobby(sessionId: string, settings: LobbySettings): Promise<Lobby> {
  return apiRequest(`/api/sessions/${encodeURIComponent(sessionId)}/lobby`, { method: 'PUT', body: settings });
}
