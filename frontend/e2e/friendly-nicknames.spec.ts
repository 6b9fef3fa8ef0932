import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { apiAs, newHostAccount, openHostScreen, registerInApp } from './support/host';
import { openPhone } from './support/phone';
import { screenshot } from './support/screenshots';

/** An adjective and an animal, with a number when a class has taken the likely ones (session-service's FriendlyNicknames). */
const FRIENDLY_NAME = /^[A-Z][a-z]+ [A-Z][a-z]+( \d+)?$/;

async function bigName(page: Page): Promise<string> {
  await expect(page.getByText('You’re in!')).toBeVisible();
  return (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
}

// Friendly nicknames, turned on with the switch in the host's lobby settings: a phone is asked
// for no nickname, joins with one tap and is shown the name the server gave it; a phone that
// still had the nickname form open gets a given name too; once the host turns it off, a phone
// that looked the game up before is asked for a nickname after all.
test('with friendly nicknames a phone joins without choosing a name and sees the one it got', async ({ browser, request, baseURL }) => {
  const account = newHostAccount('Kind Names');
  const { context, page: host } = await openHostScreen(browser, baseURL!);
  await registerInApp(host, account);
  const api = await apiAs(request, account);
  const quiz = await api.call<{ id: string }>('POST', '/api/quizzes', {
    title: 'Friendly names',
    visibility: 'PRIVATE',
    questions: [{ type: 'TRUE_FALSE', text: 'Are otters brave?', timeLimitSeconds: 30, options: [{ text: 'True', correct: true }, { text: 'False' }] }],
  });
  await host.goto(`/host/quizzes/${quiz.id}/host`);
  await host.getByRole('button', { name: 'Open the lobby' }).click();
  await expect(host.getByText('Game PIN', { exact: true })).toBeVisible();
  const sessionId = /\/host\/sessions\/([^/]+)$/.exec(host.url())![1]!;
  const pin = (await host.locator('[aria-label^="Game PIN"]').textContent())!.trim();
  const players = async () =>
    (await api.call<{ players: { nickname: string }[] }>('GET', `/api/sessions/${sessionId}`)).players.map((player) => player.nickname);

  // Zed looked the game up before the switch: the nickname form is open.
  const zed = await openPhone(browser, baseURL!);
  await zed.page.goto(`/join/${pin}`);
  await expect(zed.page.getByLabel('Nickname')).toBeVisible();

  await host.getByText('Lobby settings').click();
  await host.getByRole('checkbox', { name: /Friendly nicknames/ }).check();
  await expect.poll(async () => (await api.call<{ lobby: { friendlyNicknames: boolean } }>('GET', `/api/sessions/${sessionId}`)).lobby.friendlyNicknames).toBe(true);
  await host.getByText('Lobby settings').click();

  // A phone that looks the game up now is asked for no nickname, only to join.
  const ann = await openPhone(browser, baseURL!);
  await ann.page.goto(`/join/${pin}`);
  await expect(ann.page.getByRole('heading', { name: 'Join the game' })).toBeVisible();
  await expect(ann.page.getByText('The host gives every player a friendly name, like “Brave Otter”. You will see yours once you are in.')).toBeVisible();
  await expect(ann.page.getByLabel('Nickname')).toHaveCount(0);
  await expectAccessible(ann.page, 'join with friendly nicknames');
  await screenshot(ann.page, 'join-friendly');
  await ann.page.getByRole('button', { name: 'Join' }).click();
  const annName = await bigName(ann.page);
  expect(annName).toMatch(FRIENDLY_NAME);
  await expectAccessible(ann.page, 'lobby under a friendly name');

  // Zed types a name and joins: the server names Zed all the same, and the phone shows that name.
  await zed.page.getByLabel('Nickname').fill('Zed');
  await zed.page.getByRole('button', { name: 'Join' }).click();
  const zedName = await bigName(zed.page);
  expect(zedName).toMatch(FRIENDLY_NAME);
  expect(zedName).not.toBe(annName);

  // The big screen's roster and the server agree with what the phones show.
  await expect(host.getByRole('heading', { name: '2 players' })).toBeVisible();
  for (const name of [annName, zedName]) await expect(host.getByText(name, { exact: true })).toBeVisible();
  expect((await players()).sort()).toEqual([annName, zedName].sort());

  // Cy looks the game up with friendly nicknames on; the host turns them off before Cy taps Join:
  // the server's refusal of the missing name brings the nickname field back.
  const cy = await openPhone(browser, baseURL!);
  await cy.page.goto(`/join/${pin}`);
  await expect(cy.page.getByRole('heading', { name: 'Join the game' })).toBeVisible();
  await host.getByText('Lobby settings').click();
  await host.getByRole('checkbox', { name: /Friendly nicknames/ }).uncheck();
  await expect.poll(async () => (await api.call<{ lobby: { friendlyNicknames: boolean } }>('GET', `/api/sessions/${sessionId}`)).lobby.friendlyNicknames).toBe(false);
  await cy.page.getByRole('button', { name: 'Join' }).click();
  await cy.page.getByLabel('Nickname').fill('Cy');
  await cy.page.getByRole('button', { name: 'Join' }).click();
  expect(await bigName(cy.page)).toBe('Cy');
  expect((await players()).sort()).toEqual([annName, zedName, 'Cy'].sort());

  await api.call('POST', `/api/sessions/${sessionId}/end`);
  for (const phone of [ann, zed, cy]) await phone.context.close();
  await context.close();
});
