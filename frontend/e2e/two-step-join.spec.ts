import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { openPhone } from './support/phone';
import { Platform } from './support/platform';
import { screenshot } from './support/screenshots';

const LETTERS: Record<string, string> = { triangle: 'A', diamond: 'B', circle: 'C', square: 'D' };

// Two-step join: the host turned it on, so the phone asks for the four shapes the big screen
// shows. A wrong pattern is refused beside the shapes and tapped again; the right one gets in.
test('a phone joins a two-step lobby with the pattern on the big screen', async ({ browser, request, baseURL }) => {
  const host = await Platform.signIn(request);
  const quiz = await host.call<{ id: string }>('POST', '/api/quizzes', {
    title: 'Two-step join',
    visibility: 'PRIVATE',
    questions: [{ type: 'TRUE_FALSE', text: 'Ready?', options: [{ text: 'True', correct: true }, { text: 'False' }] }],
  });
  const session = await host.call<{ id: string; pin: string }>('POST', '/api/sessions', { quizId: quiz.id });
  const lobby = await host.call<{ joinPattern: string[] }>('PUT', `/api/sessions/${session.id}/lobby`, {
    locked: false,
    maxPlayers: null,
    twoStepJoin: true,
    friendlyNicknames: false,
  });
  const pattern = lobby.joinPattern;
  expect(pattern).toHaveLength(4);
  const shapeButton = (shape: string) => ({ name: `${shape} (${LETTERS[shape]})`, exact: true });

  const { page, context } = await openPhone(browser, baseURL!);
  await page.goto(`/join/${session.pin}`);
  const shapes = page.getByRole('group', { name: 'Tap the 4 shapes on the big screen' });
  await expect(shapes).toBeVisible();
  await page.getByLabel('Nickname').fill('Pat');
  // Each shape a big target for one thumb.
  for (const shape of ['triangle', 'diamond', 'circle', 'square']) {
    const box = await shapes.getByRole('button', shapeButton(shape)).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(80);
    expect(box!.width).toBeGreaterThanOrEqual(150);
  }

  // A wrong pattern: the first shape differs from the big screen's.
  const wrong = [pattern[0] === 'triangle' ? 'square' : 'triangle', ...pattern.slice(1)];
  for (const shape of wrong) await shapes.getByRole('button', shapeButton(shape)).click();
  await expect(shapes.getByRole('listitem')).toHaveText(wrong.map((shape) => LETTERS[shape]!));
  await expectAccessible(page, 'two-step pattern');
  await screenshot(page, 'join-pattern');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not the pattern on the big screen. Look again and tap the 4 shapes.');
  await expect(shapes.getByRole('button', { name: 'Undo last shape' })).toBeDisabled();
  await expectAccessible(page, 'two-step pattern refused');
  await screenshot(page, 'join-pattern-wrong');

  // The right one, with a slip undone on the way.
  await shapes.getByRole('button', shapeButton(pattern[0]!)).click();
  await shapes.getByRole('button', shapeButton(pattern[0] === 'circle' ? 'diamond' : 'circle')).click();
  await shapes.getByRole('button', { name: 'Undo last shape' }).click();
  for (const shape of pattern.slice(1)) await shapes.getByRole('button', shapeButton(shape)).click();
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByText('You’re in!')).toBeVisible();
  await expect(page.getByText('1 player has joined')).toBeVisible();

  const details = await host.call<{ players: { nickname: string }[] }>('GET', `/api/sessions/${session.id}`);
  expect(details.players.map((player) => player.nickname)).toEqual(['Pat']);
  await host.call('POST', `/api/sessions/${session.id}/end`);
  await context.close();
});
