import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, configureApiClient } from './api-client';

function problem(status: number, name: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ type: `https://vanguard.dev/problems/${name}`, title: 'T', status, detail: 'Server detail.', ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

async function failure(response: Response): Promise<ApiError> {
  vi.stubGlobal('fetch', vi.fn().mockResolvedValue(response));
  try {
    await apiRequest('/api/x');
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('no failure');
}

afterEach(() => {
  vi.unstubAllGlobals();
  configureApiClient({});
});

describe('apiRequest', () => {
  it('returns the JSON body, and nothing for 204', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValueOnce(Response.json({ a: 1 })).mockResolvedValueOnce(new Response(null, { status: 204 })));
    expect(await apiRequest('/api/x')).toEqual({ a: 1 });
    expect(await apiRequest('/api/x', { method: 'DELETE' })).toBeUndefined();
  });

  it('sends a JSON body', async () => {
    const fetch = vi.fn().mockResolvedValue(Response.json({}));
    vi.stubGlobal('fetch', fetch);
    await apiRequest('/api/x', { method: 'POST', body: { nickname: 'Ann' } });
    expect(fetch).toHaveBeenCalledWith('/api/x', expect.objectContaining({ method: 'POST', body: '{"nickname":"Ann"}' }));
    expect(fetch.mock.calls[0]?.[1].headers['Content-Type']).toBe('application/json');
  });

  it.each([
    ['nickname-taken', 409, 'Someone in this game already has that nickname. Choose another.'],
    ['nickname-rejected', 422, 'That nickname is not allowed. Choose another.'],
    ['nickname-banned', 403, 'The host has banned that nickname in this game. Choose another.'],
    ['lobby-locked', 409, 'The host has locked this game: no more players can join.'],
    ['lobby-full', 409, 'This game is full.'],
    ['kicked', 403, 'You cannot join this game: the host removed you.'],
    ['not-found', 404, 'No game with this PIN is open. Check the number on the big screen.'],
  ])('turns a %s problem into a sentence', async (name, status, message) => {
    const error = await failure(problem(status, name));
    expect(error).toMatchObject({ status, problemType: name, message });
  });

  it('uses the server detail for a state conflict and for types it does not know', async () => {
    expect((await failure(problem(409, 'invalid-session-state', { detail: 'Cannot reveal: LOBBY.' }))).message).toBe('Cannot reveal: LOBBY.');
    expect((await failure(problem(418, 'teapot'))).message).toBe('Server detail.');
  });

  it('tells how long to wait from Retry-After', async () => {
    const error = await failure(problem(429, 'rate-limited', {}, { 'Retry-After': '7' }));
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.message).toBe('Too many tries. Wait 7 s and try again.');
  });

  it('keeps field errors by field', async () => {
    const error = await failure(problem(400, 'validation', { errors: [{ field: 'nickname', message: 'must not be blank' }] }));
    expect(error.fieldErrors).toEqual({ nickname: 'must not be blank' });
    expect(error.message).toBe('Some fields need a fix.');
  });

  it('says so when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(apiRequest('/api/x')).rejects.toMatchObject({ status: 0, problemType: 'network' });
  });

  it('sends the bearer token, and once more after a refresh on 401', async () => {
    let token = 'old';
    const fetch = vi.fn().mockResolvedValueOnce(problem(401, 'unauthorized')).mockResolvedValueOnce(Response.json({ ok: true }));
    vi.stubGlobal('fetch', fetch);
    configureApiClient({
      accessToken: () => token,
      onUnauthorized: async () => {
        token = 'new';
        return true;
      },
    });
    expect(await apiRequest('/api/x')).toEqual({ ok: true });
    expect(fetch.mock.calls.map((call) => call[1].headers.Authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('sends no token when told not to', async () => {
    const fetch = vi.fn().mockResolvedValue(Response.json({}));
    vi.stubGlobal('fetch', fetch);
    configureApiClient({ accessToken: () => 'secret' });
    await apiRequest('/api/x', { auth: false });
    expect(fetch.mock.calls[0]?.[1].headers.Authorization).toBeUndefined();
  });
});
