import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { openPhone } from './support/phone';
import { Platform } from './support/platform';
import { screenshot } from './support/screenshots';

// A player who loses the network comes back to the right screen, hears the question and the
// time left read out, and sees the question close at the server's deadline without an answer.
test('a phone survives a dropped network and a question that closes at its deadline', async ({ browser, request, baseURL }) => {
  const host = await Platform.signIn(request);
  const quiz = await host.call<{ id: string }>('POST', '/api/quizzes', {
    title: 'Quick one',
    questions: [{ type: 'TRUE_FALSE', text: 'Is the sky green?', timeLimitSeconds: 11, options: [{ text: 'True' }, { text: 'False', correct: true }] }],
  });
  const session = await host.call<{ id: string; pin: string }>('POST', '/api/sessions', { quizId: quiz.id });
  const { context, page } = await openPhone(browser, baseURL!);

  await page.goto(`/join/${session.pin}`);
  await page.getByLabel('Nickname').fill('Dee');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByText('You’re in!')).toBeVisible();

  // The network drops: the phone says so, and is back in the lobby once it returns.
  // Chromium's offline emulation cuts the network but neither closes open sockets nor fires the
  // 'offline' event a phone fires when it loses its network, so the test fires it.
  await context.setOffline(true);
  await page.evaluate(() => window.dispatchEvent(new Event('offline')));
  await expect(page.getByRole('status').filter({ hasText: /Connection lost/ })).toBeVisible();
  await expectAccessible(page, 'reconnecting');
  await screenshot(page, 'reconnecting');
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: /Connection lost/ })).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText('You’re in!')).toBeVisible();

  await host.call('POST', `/api/sessions/${session.id}/start`);
  const announcer = page.locator('[aria-live="polite"][aria-atomic="true"]');
  await expect(announcer).toHaveText('Question 1: Is the sky green?');
  await expect(announcer).toHaveText('10 seconds left');
  await expect(announcer).toHaveText('5 seconds left');
  // The question closes by the server's clock; the phone never answered.
  await expect(page.getByRole('heading', { name: 'No answer' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Right answer: B False')).toBeVisible();
  await expect(announcer).toHaveText(/^No answer\. 0 points\. Total 0\. Rank 1 of 1\.$/);
  await expectAccessible(page, 'no answer');
  await screenshot(page, 'reveal-no-answer');

  await host.call('POST', `/api/sessions/${session.id}/end`);
  await expect(page.getByRole('heading', { name: 'The game has ended' })).toBeVisible();
  await context.close();
  await host.call('DELETE', `/api/quizzes/${quiz.id}`);
});
