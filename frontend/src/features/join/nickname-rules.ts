import type { MessageKey } from '../../messages/catalogue';

/** session-service's nickname rules (docs/api/sessions.md, Joining), checked as the player types. */
export const NICKNAME_MAX_LENGTH = 20;

/** Trimmed, runs of spaces as one: the name as the server will keep it. */
export function cleanNickname(raw: string): string {
  return raw.replace(/[\s\p{Z}]+/gu, ' ').trim();
}

export function nicknameLength(nickname: string): number {
  return [...nickname].length;
}

const INVISIBLE = /[\p{Cc}\p{Co}\p{Cn}\p{Cs}\u2028\u2029]|(?!\u200d)\p{Cf}/u;
const VISIBLE = /[^\s\p{Z}\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;

/** The first rule the nickname breaks, or null; the block list stays the server's. */
export function nicknameProblem(raw: string): MessageKey | null {
  const nickname = cleanNickname(raw);
  if (nickname.length === 0) return 'join.nickname.empty';
  if (INVISIBLE.test(nickname) || !VISIBLE.test(nickname)) return 'join.nickname.invisible';
  if (nicknameLength(nickname) > NICKNAME_MAX_LENGTH) return 'join.nickname.tooLong';
  return null;
}
