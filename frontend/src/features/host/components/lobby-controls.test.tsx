import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lobby } from '../api/lobby-api';
import { LOBBY_REFRESH_MS } from '../use-lobby';
import { LobbyControls, parseCap } from './lobby-controls';

const SESSION = '5f2c0000-0000-0000-0000-000000000001';
const OPEN: Lobby = { locked: false, maxPlayers: null, twoStepJoin: false, joinPattern: null, friendlyNicknames: false };

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function problem(status: number, name: string, extra: Record<string, unknown> = {}) {
  return new Response(JSON.stringify({ type: `https://vanguard.dev/problems/${name}`, status, detail: 'x', ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/** The session-service as the component sees it: GET answers `lobby`, each PUT answers `answer(body)`. */
function server(lobby: Lobby, answer: (body: Omit<Lobby, 'joinPattern'>) => Response | Promise<Response>) {
  const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
    if ((init?.method ?? 'GET') === 'GET') return json({ id: SESSION, lobby });
    return answer(JSON.parse(String(init?.body)));
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function puts(fetch: ReturnType<typeof server>) {
  return fetch.mock.calls.filter(([, init]) => init?.method === 'PUT').map(([url, init]) => ({ url, body: JSON.parse(String(init?.body)) }));
}

/** One host screen with its own query cache, as a tab of its own has; the app's client does not refetch on focus. */
function renderScreen() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } } });
  const rendered = render(
    <QueryClientProvider client={client}>
      <LobbyControls sessionId={SESSION} />
    </QueryClientProvider>,
  );
  return { ...rendered, client };
}

async function renderControls() {
  renderScreen();
  await userEvent.click(await screen.findByText('Lobby settings', { selector: 'summary' }));
}

afterEach(() => vi.unstubAllGlobals());

describe('parseCap', () => {
  it('takes empty as no cap and a whole number from 1 to 100,000 as the cap', () => {
    expect(parseCap('')).toEqual({ cap: null });
    expect(parseCap('  ')).toEqual({ cap: null });
    expect(parseCap('1')).toEqual({ cap: 1 });
    expect(parseCap(' 40 ')).toEqual({ cap: 40 });
    expect(parseCap('100000')).toEqual({ cap: 100_000 });
  });

  it('refuses anything else with a sentence', () => {
    for (const text of ['0', '-3', '2.5', '1e3', 'ten', '100001']) {
      expect(parseCap(text)).toEqual({ error: 'Type a whole number from 1 to 100,000, or leave it empty for no limit.' });
    }
  });
});

describe('LobbyControls', () => {
  it('locks the lobby by sending the whole lobby state, and says so on the big screen', async () => {
    const fetch = server({ ...OPEN, friendlyNicknames: true }, (body) => json({ ...body, joinPattern: null }));
    await renderControls();
    expect(screen.queryByText('Locked: no one new can join')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: /Lock the lobby/ }));

    expect(await screen.findByText('Locked: no one new can join')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /Lock the lobby/ })).toBeChecked();
    expect(puts(fetch)).toEqual([
      { url: `/api/sessions/${SESSION}/lobby`, body: { locked: true, maxPlayers: null, twoStepJoin: false, friendlyNicknames: true } },
    ]);
  });

  it('shows the two-step pattern in order, each step with its shape and letter', async () => {
    server(OPEN, (body) => json({ ...body, joinPattern: body.twoStepJoin ? ['circle', 'triangle', 'square', 'circle'] : null }));
    await renderControls();
    expect(screen.queryByRole('list', { name: /tap these shapes/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: /Two-step join/ }));

    const pattern = await screen.findByRole('list', { name: 'Then tap these shapes in this order' });
    const steps = within(pattern).getAllByRole('listitem');
    expect(steps.map((step) => step.getAttribute('aria-label'))).toEqual([
      'Step 1: circle (C)',
      'Step 2: triangle (A)',
      'Step 3: square (D)',
      'Step 4: circle (C)',
    ]);
    expect(steps.map((step) => step.textContent)).toEqual(['C', 'A', 'D', 'C']);
    expect(steps.map((step) => step.dataset.option)).toEqual(['2', '0', '3', '2']);

    await userEvent.click(screen.getByRole('checkbox', { name: /Two-step join/ }));
    await vi.waitFor(() => expect(screen.queryByRole('list', { name: /tap these shapes/ })).not.toBeInTheDocument());
  });

  it('sets and clears the player cap', async () => {
    const fetch = server(OPEN, (body) => json({ ...body, joinPattern: null }));
    await renderControls();
    const cap = screen.getByLabelText('Most players');

    await userEvent.type(cap, '30');
    await userEvent.click(screen.getByRole('button', { name: 'Set limit' }));
    expect(await screen.findByText('At most 30 players can join. Leave empty for no limit.')).toBeInTheDocument();
    await userEvent.clear(cap);
    await userEvent.type(cap, '1{Enter}');
    expect(await screen.findByText('At most 1 player can join. Leave empty for no limit.')).toBeInTheDocument();
    await userEvent.clear(cap);
    await userEvent.click(screen.getByRole('button', { name: 'Set limit' }));
    expect(await screen.findByText('Any number of players can join. Type a number to set a limit.')).toBeInTheDocument();

    expect(puts(fetch).map((call) => call.body.maxPlayers)).toEqual([30, 1, null]);
  });

  it('refuses a cap the server would refuse, beside the field, without asking it', async () => {
    const fetch = server(OPEN, (body) => json({ ...body, joinPattern: null }));
    await renderControls();

    await userEvent.type(screen.getByLabelText('Most players'), '0{Enter}');

    expect(screen.getByLabelText('Most players')).toHaveAccessibleDescription(expect.stringContaining('Type a whole number from 1 to 100,000'));
    expect(puts(fetch)).toEqual([]);
  });

  it('moves a switch with the tap and holds it there while the server has not answered', async () => {
    let answer: (response: Response) => void = () => undefined;
    const fetch = server(OPEN, () => new Promise<Response>((resolve) => (answer = resolve)));
    await renderControls();

    // fireEvent, not userEvent: the assertion must run in the same task as the tap, the way a
    // browser paints (and Playwright checks) before React Query's batched notification lands.
    fireEvent.click(screen.getByRole('checkbox', { name: /Two-step join/ }));

    // Checked before any answer: a controlled checkbox must not spring back while the PUT is out.
    expect(screen.getByRole('checkbox', { name: /Two-step join/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Two-step join/ })).toBeDisabled();
    await vi.waitFor(() => expect(puts(fetch)).toHaveLength(1));
    answer(json({ ...OPEN, twoStepJoin: true, joinPattern: ['circle', 'circle', 'square', 'triangle'] }));
    expect(await screen.findByRole('list', { name: 'Then tap these shapes in this order' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /Two-step join/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Two-step join/ })).toBeEnabled();
  });

  it('shows the server’s refusals as sentences', async () => {
    server(OPEN, () => problem(409, 'invalid-session-state', { detail: 'Cannot configure the lobby: the session is in ENDED.' }));
    await renderControls();

    await userEvent.click(screen.getByRole('checkbox', { name: /Friendly nicknames/ }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The lobby can no longer be changed: this game has moved on.');
    expect(screen.getByRole('checkbox', { name: /Friendly nicknames/ })).not.toBeChecked();
  });

  it('says a validation refusal of the cap in words, and another host’s session as forbidden', async () => {
    let refusal = problem(400, 'validation', { errors: [{ field: 'maxPlayers', message: 'must be less than or equal to 100000' }] });
    server(OPEN, () => refusal);
    await renderControls();

    await userEvent.type(screen.getByLabelText('Most players'), '50{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Type a whole number from 1 to 100,000, or leave it empty for no limit.');

    refusal = problem(403, 'forbidden');
    await userEvent.click(screen.getByRole('checkbox', { name: /Lock the lobby/ }));
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('You may not do that.'));
  });
});

describe('LobbyControls on every host screen of the session', () => {
  /**
   * The session-service holding one lobby that every screen (and the host's other device) reads
   * and changes. While reads are held, each answers the lobby as it was when asked, on release.
   */
  function sharedServer(initial: Lobby) {
    const held = { lobby: initial, reads: 0, holding: null as Promise<void> | null, answers: [] as Promise<Response>[] };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if ((init?.method ?? 'GET') !== 'GET') {
          held.lobby = { ...JSON.parse(String(init?.body)), joinPattern: null };
          return json(held.lobby);
        }
        held.reads += 1;
        const asked = json({ id: SESSION, lobby: held.lobby });
        if (!held.holding) return asked;
        const answer = held.holding.then(() => asked);
        held.answers.push(answer);
        return answer;
      }),
    );
    return held;
  }

  function renderScreens() {
    const screens = [renderScreen(), renderScreen()];
    return [within(screens[0]!.container), within(screens[1]!.container), screens.map((each) => each.client)] as const;
  }

  it('shows a change made in another tab of this browser at once', async () => {
    const server = sharedServer(OPEN);
    const [projector, laptop] = renderScreens();
    await projector.findByText('Lobby settings');
    await userEvent.click(await laptop.findByText('Lobby settings'));
    const readsBefore = server.reads;

    await userEvent.click(laptop.getByRole('checkbox', { name: /Lock the lobby/ }));

    expect(await projector.findByText('Locked: no one new can join')).toBeInTheDocument();
    expect(projector.getByRole('checkbox', { name: /Lock the lobby/, hidden: true })).toBeChecked();
    // Told by the other tab, not read again from the server.
    expect(server.reads).toBe(readsBefore);
  });

  it('reads the lobby again when its page is shown again, for a change made on the host’s other device', async () => {
    const server = sharedServer(OPEN);
    const screenOf = within(renderScreen().container);
    await screenOf.findByText('Lobby settings');

    server.lobby = { ...OPEN, twoStepJoin: true, joinPattern: ['square', 'circle', 'circle', 'diamond'] };
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));

    expect(await screenOf.findByRole('list', { name: 'Then tap these shapes in this order' })).toBeInTheDocument();
  });

  it('reads the lobby again on a timer while it is shown', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const server = sharedServer(OPEN);
      const screenOf = within(renderScreen().container);
      await screenOf.findByText('Lobby settings');

      server.lobby = { ...OPEN, maxPlayers: 25 };
      expect(screenOf.queryByText('At most 25 players can join. Leave empty for no limit.')).not.toBeInTheDocument();
      await vi.advanceTimersByTimeAsync(LOBBY_REFRESH_MS);

      expect(await screenOf.findByText('At most 25 players can join. Leave empty for no limit.')).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a change another tab made when a read that left before it answers after it', async () => {
    const server = sharedServer(OPEN);
    const [projector, laptop, clients] = renderScreens();
    await projector.findByText('Lobby settings');
    await userEvent.click(await laptop.findByText('Lobby settings'));
    let release: () => void = () => undefined;
    server.holding = new Promise((resolve) => (release = resolve));
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    await vi.waitFor(() => expect(server.answers).toHaveLength(2));

    await userEvent.click(laptop.getByRole('checkbox', { name: /Lock the lobby/ }));
    expect(await projector.findByText('Locked: no one new can join')).toBeInTheDocument();
    release();
    await act(() => Promise.all(server.answers));
    await vi.waitFor(() => expect(clients.map((client) => client.isFetching())).toEqual([0, 0]));
    // React Query tells the screens in a task of its own.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));

    expect(projector.getByText('Locked: no one new can join')).toBeInTheDocument();
    expect(laptop.getByText('Locked: no one new can join')).toBeInTheDocument();
  });
});
