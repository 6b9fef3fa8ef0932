import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NicknameForm } from './nickname-form';
import { PinForm } from './pin-form';

function withQuery(ui: React.ReactElement) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

function problemResponse(status: number, name: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ type: `https://vanguard.dev/problems/${name}`, status, detail: 'x', ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('PinForm', () => {
  it('offers the numeric keypad and keeps only digits', async () => {
    const onSubmit = vi.fn();
    render(<PinForm onSubmit={onSubmit} />);
    const field = screen.getByLabelText('Game PIN');
    expect(field).toHaveAttribute('inputmode', 'numeric');
    await userEvent.type(field, '12a34-5678');
    expect(field).toHaveValue('123456');
    await userEvent.click(screen.getByRole('button', { name: 'Enter' }));
    expect(onSubmit).toHaveBeenCalledWith('123456');
  });

  it('refuses a short PIN beside the field', async () => {
    const onSubmit = vi.fn();
    render(<PinForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Game PIN'), '123{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Game PIN')).toHaveAccessibleDescription(expect.stringContaining('A PIN is 6 digits.'));
  });

  it('shows the server refusal given to it', () => {
    render(<PinForm initialPin="123456" error="No game with this PIN is open." onSubmit={vi.fn()} />);
    expect(screen.getByRole('alert')).toHaveTextContent('No game with this PIN is open.');
  });
});

describe('NicknameForm', () => {
  it('shows the rules and the length as you type, and refuses a name too long', async () => {
    vi.stubGlobal('fetch', vi.fn());
    withQuery(<NicknameForm pin="123456" onJoined={vi.fn()} />);
    const field = screen.getByLabelText('Nickname');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('1 to 20 characters'));
    await userEvent.type(field, '  Ann   Lee ');
    expect(screen.getByText('7 of 20')).toBeInTheDocument();
    await userEvent.clear(field);
    await userEvent.type(field, 'x'.repeat(21));
    expect(field).toHaveAccessibleDescription(expect.stringContaining('At most 20 characters.'));
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(fetch).not.toHaveBeenCalled();
  });

  it('joins with the cleaned name and this device secret', async () => {
    const fetch = vi.fn().mockResolvedValue(Response.json({ sessionId: 's', playerId: 'p', nickname: 'Ann Lee', token: 'tok' }, { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    const onJoined = vi.fn();
    withQuery(<NicknameForm pin="123456" onJoined={onJoined} />);
    await userEvent.type(screen.getByLabelText('Nickname'), ' Ann   Lee{Enter}');
    await vi.waitFor(() => expect(onJoined).toHaveBeenCalledWith({ sessionId: 's', playerId: 'p', nickname: 'Ann Lee', token: 'tok' }));
    const [path, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(path).toBe('/api/sessions/pin/123456/players');
    const body = JSON.parse(init.body as string);
    expect(body.nickname).toBe('Ann Lee');
    expect(body.deviceSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(localStorage.getItem('vanguard.device-secret')).toBe(body.deviceSecret);
  });

  it('shows a taken name beside the field', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(problemResponse(409, 'nickname-taken')));
    withQuery(<NicknameForm pin="123456" onJoined={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Nickname'), 'Ann{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('already has that nickname');
    expect(screen.getByLabelText('Nickname')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the server field error of a validation problem beside the field', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(problemResponse(400, 'validation', { errors: [{ field: 'nickname', message: 'must contain a visible character' }] })));
    withQuery(<NicknameForm pin="123456" onJoined={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Nickname'), 'Ann{Enter}');
    expect(await screen.findByText('must contain a visible character')).toBeInTheDocument();
  });

  it('waits as long as the rate limit says', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(problemResponse(429, 'rate-limited', {}, { 'Retry-After': '12' })));
    withQuery(<NicknameForm pin="123456" onJoined={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Nickname'), 'Ann{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many tries. Wait 12 s and try again.');
    expect(screen.getByRole('button', { name: 'Join' })).toBeDisabled();
  });

  it('says a locked lobby above the form', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(problemResponse(409, 'lobby-locked')));
    withQuery(<NicknameForm pin="123456" onJoined={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Nickname'), 'Ann{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('The host has locked this game');
    expect(screen.getByLabelText('Nickname')).not.toHaveAttribute('aria-invalid');
  });
});

describe('NicknameForm with two-step join', () => {
  const joined = () => Response.json({ sessionId: 's', playerId: 'p', nickname: 'Ann', token: 'tok' }, { status: 201 });

  it('asks for the four shapes, labelled by shape and letter, before it sends anything', async () => {
    vi.stubGlobal('fetch', vi.fn());
    withQuery(<NicknameForm pin="123456" twoStepJoin onJoined={vi.fn()} />);
    const group = screen.getByRole('group', { name: 'Tap the 4 shapes on the big screen' });
    expect(group).toHaveAccessibleDescription(expect.stringContaining('same order'));
    for (const name of ['triangle (A)', 'diamond (B)', 'circle (C)', 'square (D)']) {
      expect(screen.getByRole('button', { name })).toBeEnabled();
    }
    await userEvent.type(screen.getByLabelText('Nickname'), 'Ann');
    await userEvent.click(screen.getByRole('button', { name: 'circle (C)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Tap all 4 shapes first.');
  });

  it('shows the steps tapped so far, undoes the last, and joins with the pattern in order', async () => {
    const fetch = vi.fn().mockResolvedValue(joined());
    vi.stubGlobal('fetch', fetch);
    const onJoined = vi.fn();
    withQuery(<NicknameForm pin="123456" twoStepJoin onJoined={onJoined} />);
    await userEvent.type(screen.getByLabelText('Nickname'), 'Ann');
    for (const name of ['square (D)', 'triangle (A)', 'diamond (B)']) {
      await userEvent.click(screen.getByRole('button', { name }));
    }
    await userEvent.click(screen.getByRole('button', { name: 'Undo last shape' }));
    await userEvent.click(screen.getByRole('button', { name: 'triangle (A)' }));
    expect(screen.getByText('3 of 4 shapes tapped')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'circle (C)' }));
    const steps = within(screen.getByRole('list', { name: 'Your pattern' })).getAllByRole('listitem');
    expect(steps.map((step) => step.getAttribute('aria-label'))).toEqual([
      'Step 1: square (D)',
      'Step 2: triangle (A)',
      'Step 3: triangle (A)',
      'Step 4: circle (C)',
    ]);
    // four tapped: no fifth
    expect(screen.getByRole('button', { name: 'square (D)' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    await vi.waitFor(() => expect(onJoined).toHaveBeenCalled());
    const body = JSON.parse((fetch.mock.calls[0] as [string, RequestInit])[1].body as string);
    expect(body.pattern).toEqual(['square', 'triangle', 'triangle', 'circle']);
    expect(body.nickname).toBe('Ann');
  });

  it('shows a wrong pattern beside the shapes and starts the pattern over', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(problemResponse(403, 'wrong-join-pattern')));
    withQuery(<NicknameForm pin="123456" twoStepJoin onJoined={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Nickname'), 'Ann');
    for (let i = 0; i < 4; i++) await userEvent.click(screen.getByRole('button', { name: 'diamond (B)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That is not the pattern on the big screen');
    expect(screen.getByRole('group', { name: 'Tap the 4 shapes on the big screen' })).toHaveAccessibleDescription(
      expect.stringContaining('That is not the pattern'),
    );
    expect(screen.getByLabelText('Nickname')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('button', { name: 'diamond (B)' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Undo last shape' })).toBeDisabled();
  });

  it('asks for the pattern when the host turned two-step join on after the PIN was looked up', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(problemResponse(403, 'join-pattern-required')).mockResolvedValueOnce(joined());
    vi.stubGlobal('fetch', fetch);
    const onJoined = vi.fn();
    withQuery(<NicknameForm pin="123456" onJoined={onJoined} />);
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Nickname'), 'Ann{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('This game asks for the pattern on the big screen');
    expect(JSON.parse((fetch.mock.calls[0] as [string, RequestInit])[1].body as string)).not.toHaveProperty('pattern');
    for (const name of ['circle (C)', 'circle (C)', 'square (D)', 'triangle (A)']) {
      await userEvent.click(screen.getByRole('button', { name }));
    }
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    await vi.waitFor(() => expect(onJoined).toHaveBeenCalled());
    expect(JSON.parse((fetch.mock.calls[1] as [string, RequestInit])[1].body as string).pattern).toEqual(['circle', 'circle', 'square', 'triangle']);
  });
});

describe('NicknameForm with friendly nicknames', () => {
  it('asks for no nickname, says why, and joins without one under the name the server gives', async () => {
    const fetch = vi.fn().mockResolvedValue(Response.json({ sessionId: 's', playerId: 'p', nickname: 'Brave Otter', token: 'tok' }, { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    const onJoined = vi.fn();
    withQuery(<NicknameForm pin="123456" friendlyNicknames onJoined={onJoined} />);
    expect(screen.queryByLabelText('Nickname')).not.toBeInTheDocument();
    expect(screen.getByText(/The host gives every player a friendly name/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Join' }));

    await vi.waitFor(() => expect(onJoined).toHaveBeenCalledWith({ sessionId: 's', playerId: 'p', nickname: 'Brave Otter', token: 'tok' }));
    const body = JSON.parse((fetch.mock.calls[0] as [string, RequestInit])[1].body as string);
    expect(body).not.toHaveProperty('nickname');
    expect(body.deviceSecret).toEqual(expect.any(String));
  });

  it('asks for a nickname after all when the host turned friendly nicknames off since the look-up', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(problemResponse(400, 'validation', { errors: [{ field: 'nickname', message: 'must not be blank' }] }))
      .mockResolvedValueOnce(Response.json({ sessionId: 's', playerId: 'p', nickname: 'Ann', token: 'tok' }, { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    const onJoined = vi.fn();
    withQuery(<NicknameForm pin="123456" friendlyNicknames onJoined={onJoined} />);

    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    const field = await screen.findByLabelText('Nickname');
    expect(screen.queryByText(/The host gives every player a friendly name/)).not.toBeInTheDocument();
    await userEvent.type(field, 'Ann{Enter}');

    await vi.waitFor(() => expect(onJoined).toHaveBeenCalled());
    expect(JSON.parse((fetch.mock.calls[1] as [string, RequestInit])[1].body as string).nickname).toBe('Ann');
  });

  it('still asks for the two-step pattern', async () => {
    vi.stubGlobal('fetch', vi.fn());
    withQuery(<NicknameForm pin="123456" friendlyNicknames twoStepJoin onJoined={vi.fn()} />);
    expect(screen.getByRole('group', { name: 'Tap the 4 shapes on the big screen' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Tap all 4 shapes first.');
  });
});
