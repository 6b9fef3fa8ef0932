import { describe, expect, it, vi } from 'vitest';
import { AuthStore, REFRESH_MARGIN_MS, type TokenResponse } from './auth-store';

const user = { id: 'u1', email: 'ann@example.com', displayName: 'Ann' };
const tokens = (n: number): TokenResponse => ({ accessToken: `token-${n}`, tokenType: 'Bearer', expiresIn: 900, user });

function store(refresh: () => Promise<TokenResponse>, now = () => 0) {
  const timers: { callback: () => void; ms: number }[] = [];
  const auth = new AuthStore({
    refresh,
    now,
    setTimer: (callback, ms) => timers.push({ callback, ms }),
    clearTimer: () => {},
    exclusive: (task) => task(),
  });
  return { auth, timers };
}

describe('AuthStore', () => {
  it('keeps one refresh in flight however many callers ask', async () => {
    let resolve: (value: TokenResponse) => void = () => {};
    const refresh = vi.fn(() => new Promise<TokenResponse>((done) => (resolve = done)));
    const { auth } = store(refresh);
    const answers = [auth.refresh(), auth.refresh(), auth.freshToken()];
    resolve(tokens(1));
    expect(await Promise.all(answers)).toEqual([true, true, 'token-1']);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(auth.getSnapshot()).toEqual({ user, restoring: false });
  });

  it('plans a silent refresh a minute before the token expires', async () => {
    const refresh = vi.fn().mockResolvedValueOnce(tokens(1)).mockResolvedValueOnce(tokens(2));
    const { auth, timers } = store(refresh);
    await auth.refresh();
    expect(timers.at(-1)!.ms).toBe(900_000 - REFRESH_MARGIN_MS);
    timers.at(-1)!.callback();
    await vi.waitFor(() => expect(auth.accessToken).toBe('token-2'));
  });

  it('forgets the host when the server refuses the refresh', async () => {
    const refresh = vi.fn().mockResolvedValueOnce(tokens(1)).mockRejectedValueOnce(new Error('invalid-refresh-token'));
    const { auth } = store(refresh);
    await auth.refresh();
    const listener = vi.fn();
    auth.subscribe(listener);
    expect(await auth.refresh()).toBe(false);
    expect(auth.accessToken).toBeNull();
    expect(auth.getSnapshot()).toEqual({ user: null, restoring: false });
    expect(listener).toHaveBeenCalled();
  });

  it('refreshes before handing out a token that is about to expire', async () => {
    let clock = 0;
    const refresh = vi.fn().mockResolvedValueOnce(tokens(1)).mockResolvedValueOnce(tokens(2));
    const { auth } = store(refresh, () => clock);
    await auth.refresh();
    expect(await auth.freshToken()).toBe('token-1');
    clock = 900_000 - 10_000;
    expect(await auth.freshToken()).toBe('token-2');
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});
