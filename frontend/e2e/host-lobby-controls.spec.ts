import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { apiAs, hostScreenshot, newHostAccount, openHostScreen, registerInApp } from './support/host';
import { openPhone } from './support/phone';

interface Lobby {
  locked: boolean;
  maxPlayers: number | null;
  twoStepJoin: boolean;
  joinPattern: string[] | null;
  friendlyNicknames: boolean;
}

/** A join as a phone sends it, straight to the API, for the refusals the screens should explain. */
async function join(request: APIRequestContext, pin: string, nickname: string, pattern?: string[]) {
  const deviceSecret = `device-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
  const answer = await request.post(`/api/sessions/pin/${pin}/players`, { data: { nickname, deviceSecret, ...(pattern ? { pattern } : {}) } });
  const body = (await answer.json()) as { type?: string; nickname?: string };
  return { status: answer.status(), problem: body.type?.split('/').pop(), nickname: body.nickname };
}

// The host's lobby controls on the big screen: lock (a player is refused), the player cap,
// two-step join with its pattern shown to the room, and kick with a nickname ban.
test('the host locks the lobby, caps it, turns on two-step join and bans a nickname', async ({ browser, request, baseURL }) => {
  const account = newHostAccount('Lobby Keeper');
  const { context, page: host } = await openHostScreen(browser, baseURL!);
  await registerInApp(host, account);
  const api = await apiAs(request, account);
  const quiz = await api.call<{ id: string }>('POST', '/api/quizzes', {
    title: 'Lobby controls',
    visibility: 'PRIVATE',
    questions: [{ type: 'TRUE_FALSE', text: 'Is water wet?', timeLimitSeconds: 30, options: [{ text: 'True', correct: true }, { text: 'False' }] }],
  });
  await host.goto(`/host/quizzes/${quiz.id}/host`);
  await host.getByRole('button', { name: 'Open the lobby' }).click();
  await expect(host.getByText('Game PIN', { exact: true })).toBeVisible();
  const sessionId = /\/host\/sessions\/([^/]+)$/.exec(host.url())![1]!;
  const pin = (await host.locator('[aria-label^="Game PIN"]').textContent())!.trim();
  const lobby = () => api.call<{ lobby: Lobby; bannedNicknames: string[] }>('GET', `/api/sessions/${sessionId}`);

  const ann = await openPhone(browser, baseURL!);
  await ann.page.goto(`/join/${pin}`);
  await ann.page.getByLabel('Nickname').fill('Ann');
  await ann.page.getByRole('button', { name: 'Join' }).click();
  await expect(ann.page.getByText('You’re in!')).toBeVisible();
  // Bob has the nickname form open before the lobby is locked.
  const bob = await openPhone(browser, baseURL!);
  await bob.page.goto(`/join/${pin}`);
  await expect(bob.page.getByLabel('Nickname')).toBeVisible();

  // Lock: the big screen says so, Bob is refused with a sentence, a new phone cannot get in.
  await host.getByText('Lobby settings').click();
  await host.getByRole('checkbox', { name: /Lock the lobby/ }).check();
  await expect(host.getByText('Locked: no one new can join')).toBeVisible();
  expect((await lobby()).lobby.locked).toBe(true);
  await expectAccessible(host, 'lobby settings');
  await hostScreenshot(host, 'lobby-settings');
  await bob.page.getByLabel('Nickname').fill('Bob');
  await bob.page.getByRole('button', { name: 'Join' }).click();
  await expect(bob.page.getByRole('alert')).toHaveText('The host has locked this game: no more players can join.');
  await bob.page.goto(`/join/${pin}`);
  await expect(bob.page.getByText('This game is not letting players in right now.')).toBeVisible();
  await expect(host.getByRole('heading', { name: '1 player' })).toBeVisible();

  // Unlock, then a cap of 2: one more gets in, the next is refused as full.
  await host.getByRole('checkbox', { name: /Lock the lobby/ }).uncheck();
  await expect(host.getByText('Locked: no one new can join')).toBeHidden();
  await host.getByLabel('Most players').fill('0');
  await host.getByRole('button', { name: 'Set limit' }).click();
  await expect(host.getByText('Type a whole number from 1 to 100,000, or leave it empty for no limit.')).toBeVisible();
  await host.getByLabel('Most players').fill('2');
  await host.getByRole('button', { name: 'Set limit' }).click();
  await expect(host.getByText('At most 2 players can join.')).toBeVisible();
  expect((await lobby()).lobby.maxPlayers).toBe(2);
  expect(await join(request, pin, 'Cy')).toMatchObject({ status: 201 });
  expect(await join(request, pin, 'Dee')).toMatchObject({ status: 409, problem: 'lobby-full' });
  await host.getByLabel('Most players').fill('');
  await host.getByRole('button', { name: 'Set limit' }).click();
  await expect(host.getByText('Any number of players can join.')).toBeVisible();

  // Two-step join: the pattern the room sees is the one the server asks for.
  await host.getByRole('checkbox', { name: /Two-step join/ }).check();
  const steps = host.getByRole('list', { name: 'Then tap these shapes in this order' }).getByRole('listitem');
  await expect(steps).toHaveCount(4);
  const shown = await steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-shape') ?? ''));
  expect(shown).toEqual((await lobby()).lobby.joinPattern);
  const letters: Record<string, string> = { triangle: 'A', diamond: 'B', circle: 'C', square: 'D' };
  await expect(steps).toHaveText(shown.map((shape) => letters[shape]!));
  await host.getByText('Lobby settings').click();
  await expectAccessible(host, 'lobby with two-step join');
  await hostScreenshot(host, 'lobby-two-step');
  expect(await join(request, pin, 'Eve')).toMatchObject({ status: 403, problem: 'join-pattern-required' });
  expect(await join(request, pin, 'Eve', shown)).toMatchObject({ status: 201 });
  await expect(host.getByRole('heading', { name: '3 players' })).toBeVisible();

  // Kick and ban: Ann leaves, and her nickname cannot come back from another phone.
  await host.getByRole('button', { name: 'Remove Ann' }).click();
  const kick = host.getByRole('dialog', { name: 'Remove Ann from the game?' });
  await expect(kick.getByRole('button', { name: 'Remove and ban “Ann”' })).toBeVisible();
  await expectAccessible(host, 'kick and ban');
  await hostScreenshot(host, 'lobby-kick-and-ban');
  await kick.getByRole('button', { name: 'Remove and ban “Ann”' }).click();
  await expect(host.getByRole('heading', { name: '2 players' })).toBeVisible();
  await expect(host.getByText('Ann', { exact: true })).toBeHidden();
  expect((await lobby()).bannedNicknames).toEqual(['Ann']);
  expect(await join(request, pin, 'ANN', shown)).toMatchObject({ status: 403, problem: 'nickname-banned' });

  await ann.context.close();
  await bob.context.close();
  await context.close();
});

// The host's other screens of the same lobby: a second tab of the same browser (told by the
// first at once) and the host's other device (which reads the lobby again while it is shown).
// Each sees a change made on another without a reload.
test('a lobby change on one host screen shows on the host’s other screens without a reload', async ({ browser, request, baseURL }) => {
  const account = newHostAccount('Two Screens');
  const { context, page: laptop } = await openHostScreen(browser, baseURL!);
  await registerInApp(laptop, account);
  const api = await apiAs(request, account);
  const quiz = await api.call<{ id: string }>('POST', '/api/quizzes', {
    title: 'Two screens',
    visibility: 'PRIVATE',
    questions: [{ type: 'TRUE_FALSE', text: 'Is ice cold?', timeLimitSeconds: 30, options: [{ text: 'True', correct: true }, { text: 'False' }] }],
  });
  await laptop.goto(`/host/quizzes/${quiz.id}/host`);
  await laptop.getByRole('button', { name: 'Open the lobby' }).click();
  await expect(laptop.getByText('Game PIN', { exact: true })).toBeVisible();
  const sessionId = /\/host\/sessions\/([^/]+)$/.exec(laptop.url())![1]!;
  const lobby = async () => (await api.call<{ lobby: Lobby }>('GET', `/api/sessions/${sessionId}`)).lobby;

  const projector = await context.newPage();
  await projector.goto(`/host/sessions/${sessionId}`);
  await expect(projector.getByText('Game PIN', { exact: true })).toBeVisible();
  const phone = await openHostScreen(browser, baseURL!);
  await phone.page.goto(`/host/sessions/${sessionId}`);
  await phone.page.getByLabel('E-mail').fill(account.email);
  await phone.page.getByLabel('Password').fill(account.password);
  await phone.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(phone.page.getByText('Game PIN', { exact: true })).toBeVisible();
  const screens = [laptop, projector, phone.page];

  // Locked on the laptop: the projector tab and the other device say so.
  await laptop.getByText('Lobby settings').click();
  await laptop.getByRole('checkbox', { name: /Lock the lobby/ }).check();
  for (const screen of screens) await expect(screen.getByText('Locked: no one new can join')).toBeVisible();
  expect((await lobby()).locked).toBe(true);

  // Two-step join from the other device: both tabs show the pattern the server asks for.
  await phone.page.getByText('Lobby settings').click();
  await phone.page.getByRole('checkbox', { name: /Two-step join/ }).check();
  await expect(phone.page.getByRole('list', { name: 'Then tap these shapes in this order' })).toBeVisible();
  const pattern = (await lobby()).joinPattern;
  expect(pattern).toHaveLength(4);
  for (const screen of screens) {
    const steps = screen.getByRole('list', { name: 'Then tap these shapes in this order' }).getByRole('listitem');
    await expect(steps).toHaveCount(4);
    await expect.poll(() => steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-shape')))).toEqual(pattern);
  }
  // The phone's change kept the laptop's lock (it had seen it before it sent the whole state).
  for (const screen of screens) await expect(screen.getByText('Locked: no one new can join')).toBeVisible();

  // A cap and friendly nicknames from the projector tab: the switches and the cap's hint move on the others.
  await projector.getByText('Lobby settings').click();
  await projector.getByLabel('Most players').fill('7');
  await projector.getByRole('button', { name: 'Set limit' }).click();
  await projector.getByRole('checkbox', { name: /Friendly nicknames/ }).check();
  for (const screen of [laptop, phone.page]) {
    await expect(screen.getByText('At most 7 players can join.')).toBeVisible();
    await expect(screen.getByLabel('Most players')).toHaveValue('7');
    await expect(screen.getByRole('checkbox', { name: /Friendly nicknames/ })).toBeChecked();
  }
  expect(await lobby()).toMatchObject({ locked: true, maxPlayers: 7, twoStepJoin: true, friendlyNicknames: true });

  // Unlocked on the projector: the banner leaves every screen.
  await projector.getByRole('checkbox', { name: /Lock the lobby/ }).uncheck();
  for (const screen of screens) await expect(screen.getByText('Locked: no one new can join')).toBeHidden();

  await phone.context.close();
  await context.close();
});
