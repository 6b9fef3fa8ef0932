/**
 * The player's place in a game: kept in sessionStorage, so a reload, a locked screen or a
 * switch of apps finds it again, while another tab (another player) gets its own.
 */
export interface PlayerSession {
  sessionId: string;
  playerId: string;
  nickname: string;
  token: string;
  pin: string;
}

const KEY = 'vanguard.player';

export function savePlayerSession(session: PlayerSession): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function loadPlayerSession(): PlayerSession | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<PlayerSession>;
    if (typeof value.token === 'string' && typeof value.sessionId === 'string' && typeof value.nickname === 'string') {
      return value as PlayerSession;
    }
  } catch {
    // A damaged entry is as good as none.
  }
  sessionStorage.removeItem(KEY);
  return null;
}

export function clearPlayerSession(): void {
  sessionStorage.removeItem(KEY);
}
