import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { openPhone } from './support/phone';
import { Platform } from './support/platform';
import { screenshot } from './support/screenshots';

interface Results {
  standings: { rank: number; nickname: string; totalScore: number }[];
}

// Three players on their phones play a quiz with a question of every type, opened and driven
// through the API as the host's screen will; one joins by the QR link, one reloads after
// answering, one is kicked; the final ranks on the phones match the stored results.
test('three phones play a quiz of every type to the end', async ({ browser, request, baseURL }) => {
  const host = await Platform.signIn(request);
  const image = await host.uploadImage();
  const quiz = await host.call<{ id: string }>('POST', '/api/quizzes', {
    title: 'Capitals and more',
    visibility: 'PRIVATE',
    questions: [
      { type: 'SINGLE_CHOICE', text: 'Capital of France?', timeLimitSeconds: 120, options: [{ text: 'Paris', correct: true }, { text: 'Lyon' }, { text: 'Nice' }, { text: 'Lille' }] },
      { type: 'MULTIPLE_SELECT', text: 'Which are prime?', timeLimitSeconds: 120, options: [{ text: '2', correct: true }, { text: '4' }, { text: '5', correct: true }, { text: '9' }] },
      { type: 'TRUE_FALSE', text: 'The Rhine flows into the North Sea.', timeLimitSeconds: 120, options: [{ text: 'True', correct: true }, { text: 'False' }] },
      { type: 'TYPE_ANSWER', text: 'Capital of Iceland?', timeLimitSeconds: 120, acceptedAnswers: ['Reykjavík'], options: [] },
      { type: 'POLL', text: 'Which flag is this?', imageUrl: image, timeLimitSeconds: 120, points: 'NONE', options: [{ text: 'France' }, { text: 'Italy' }, { text: 'Ireland' }] },
    ],
  });
  const session = await host.call<{ id: string; pin: string }>('POST', '/api/sessions', { quizId: quiz.id });
  const control = (action: string) => host.call('POST', `/api/sessions/${session.id}/${action}`);
  // The question closes by itself once everyone online answered; revealing it again is a 409.
  const reveal = () => host.call('POST', `/api/sessions/${session.id}/reveal`, undefined, [200, 409]);

  const [ann, bob, cat] = await Promise.all([0, 1, 2].map(() => openPhone(browser, baseURL!)));
  const a = ann!.page;
  // Count the phone's requests to keep the screen on, and the locks it holds (the real API
  // still answers them; a lock the page lets go of, or the browser takes back, is not held).
  await a.addInitScript(() => {
    const scope = window as unknown as { wakeLockRequests: number; wakeLocksHeld: number };
    scope.wakeLockRequests = 0;
    scope.wakeLocksHeld = 0;
    const wakeLock = navigator.wakeLock;
    if (!wakeLock) return;
    const request = wakeLock.request.bind(wakeLock);
    wakeLock.request = (type?: 'screen') => {
      scope.wakeLockRequests++;
      return request(type).then((sentinel) => {
        scope.wakeLocksHeld++;
        sentinel.addEventListener('release', () => scope.wakeLocksHeld--);
        return sentinel;
      });
    };
  });
  const b = bob!.page;
  const c = cat!.page;

  // Ann types the PIN; Bob comes by the QR code's link; Cat types it and first picks a taken name.
  await a.goto('/');
  await a.getByLabel('Game PIN').fill(session.pin);
  await a.getByRole('button', { name: 'Enter' }).click();
  await expect(a.getByRole('heading', { name: 'Choose a nickname' })).toBeVisible();
  await a.getByLabel('Nickname').fill('Ann');
  await expectAccessible(a, 'nickname');
  await screenshot(a, 'nickname');
  await a.getByRole('button', { name: 'Join' }).click();
  await expect(a.getByText('You’re in!')).toBeVisible();

  await b.goto(`/join/${session.pin}`);
  await b.getByLabel('Nickname').fill('Bob');
  await b.getByRole('button', { name: 'Join' }).click();
  await expect(b.getByText('You’re in!')).toBeVisible();

  await c.goto('/');
  await c.getByLabel('Game PIN').fill(session.pin);
  await c.getByRole('button', { name: 'Enter' }).click();
  await c.getByLabel('Nickname').fill('ann');
  await c.getByRole('button', { name: 'Join' }).click();
  await expect(c.getByRole('alert')).toHaveText('Someone in this game already has that nickname. Choose another.');
  await expectAccessible(c, 'nickname refused');
  await screenshot(c, 'nickname-taken');
  await c.getByLabel('Nickname').fill('Cat');
  await c.getByRole('button', { name: 'Join' }).click();
  await expect(c.getByText('You’re in!')).toBeVisible();

  await expect(c.getByText('3 players have joined')).toBeVisible();
  // Ann joined first: her lobby counts the two after her live.
  await expect(a.getByText('3 players have joined')).toBeVisible();
  await expect(c.getByRole('heading', { name: 'Cat' })).toBeVisible();
  await expectAccessible(c, 'lobby');
  await screenshot(c, 'lobby');

  // 1. Single choice: Ann right, Bob right then reloads, Cat wrong.
  await control('start');
  for (const page of [a, b, c]) await expect(page.getByRole('heading', { name: 'Capital of France?' })).toBeVisible();
  await expect(a.getByRole('timer')).toBeVisible();
  const wakeLocks = () =>
    a.evaluate(() => {
      const scope = window as unknown as { wakeLockRequests: number; wakeLocksHeld: number };
      return { wakeLockRequests: scope.wakeLockRequests, wakeLocksHeld: scope.wakeLocksHeld };
    });
  await expect.poll(async () => (await wakeLocks()).wakeLockRequests).toBeGreaterThan(0);
  await expect.poll(async () => (await wakeLocks()).wakeLocksHeld).toBe(1);
  await expect(a.getByRole('heading', { name: 'Capital of France?' })).toBeFocused();
  await expectAccessible(a, 'question');
  await screenshot(a, 'question');
  await a.getByRole('button', { name: /Answer A \(triangle\): Paris/ }).click();
  await expect(a.getByRole('heading', { name: 'Answer locked in' })).toBeVisible();
  await expectAccessible(a, 'answer locked in');
  await screenshot(a, 'answer-locked-in');
  await b.getByRole('button', { name: /: Paris$/ }).click();
  await expect(b.getByRole('heading', { name: 'Answer locked in' })).toBeVisible();
  await b.reload();
  await expect(b.getByRole('heading', { name: 'You already answered this question' })).toBeVisible();
  await expect(b.getByText('You answered: A Paris')).toBeVisible();
  await expectAccessible(b, 'already answered');
  await screenshot(b, 'already-answered');
  await c.getByRole('button', { name: /: Lyon$/ }).click();
  await reveal();
  await expect(a.getByRole('heading', { name: 'Correct!' })).toBeVisible();
  await expect(a.getByText(/^\+\d+ points$/)).toBeVisible();
  await expect(a.getByText(/^You are #[12] of 3$/)).toBeVisible();
  await expectAccessible(a, 'reveal, correct');
  await screenshot(a, 'reveal-correct');
  await expect(b.getByRole('heading', { name: 'Correct!' })).toBeVisible();
  await expect(c.getByRole('heading', { name: 'Wrong' })).toBeVisible();
  await expect(c.getByText('Right answer: A Paris')).toBeVisible();
  await expect(c.getByText('You are #3 of 3')).toBeVisible();
  await expectAccessible(c, 'reveal, wrong');
  await screenshot(c, 'reveal-wrong');

  // 2. Multiple select: toggles and a submit. Cat is kicked before answering.
  await control('next');
  await expect(a.getByRole('heading', { name: 'Which are prime?' })).toBeVisible();
  await a.getByRole('button', { name: /: 2$/ }).click();
  await a.getByRole('button', { name: /: 5$/ }).click();
  await expect(a.getByRole('button', { name: /: 5$/ })).toHaveAttribute('aria-pressed', 'true');
  await expectAccessible(a, 'multiple select');
  await screenshot(a, 'question-multiple-select');
  await a.getByRole('button', { name: 'Submit answer' }).click();
  await expect(a.getByRole('heading', { name: 'Answer locked in' })).toBeVisible();
  await b.getByRole('button', { name: /: 4$/ }).click();
  await b.getByRole('button', { name: 'Submit answer' }).click();
  const details = await host.call<{ players: { id: string; nickname: string }[] }>('GET', `/api/sessions/${session.id}`);
  const catId = details.players.find((player) => player.nickname === 'Cat')!.id;
  await host.call('DELETE', `/api/sessions/${session.id}/players/${catId}`);
  await expect(c.getByRole('heading', { name: 'You were removed from this game' })).toBeVisible();
  await expectAccessible(c, 'kicked');
  await screenshot(c, 'kicked');
  await c.reload();
  await expect(c.getByRole('heading', { name: 'You are not in a game' })).toBeVisible();
  await expectAccessible(c, 'not in a game');
  await screenshot(c, 'not-in-a-game');
  await reveal();
  await expect(a.getByRole('heading', { name: 'Correct!' })).toBeVisible();
  await expect(b.getByRole('heading', { name: 'Wrong' })).toBeVisible();

  // 3. True or false.
  await control('next');
  await expect(a.getByRole('heading', { name: 'The Rhine flows into the North Sea.' })).toBeVisible();
  await expectAccessible(a, 'true or false');
  await screenshot(a, 'question-true-false');
  await a.getByRole('button', { name: /: True$/ }).click();
  await b.getByRole('button', { name: /: False$/ }).click();
  await reveal();
  await expect(a.getByRole('heading', { name: 'Correct!' })).toBeVisible();
  await expect(b.getByRole('heading', { name: 'Wrong' })).toBeVisible();

  // 4. Type the answer: accents and case do not matter.
  await control('next');
  await expect(a.getByRole('heading', { name: 'Capital of Iceland?' })).toBeVisible();
  await a.getByLabel('Your answer').fill('  reykjavik ');
  await expectAccessible(a, 'type the answer');
  await screenshot(a, 'question-type-answer');
  await a.getByRole('button', { name: 'Submit answer' }).click();
  await expect(a.getByText('You answered: reykjavik')).toBeVisible();
  await b.getByLabel('Your answer').fill('Oslo');
  await b.getByRole('button', { name: 'Submit answer' }).click();
  await reveal();
  await expect(a.getByRole('heading', { name: 'Correct!' })).toBeVisible();
  await expect(b.getByRole('heading', { name: 'Wrong' })).toBeVisible();
  await expect(b.getByText('Right answer: reykjavik')).toBeVisible();

  // 5. A poll with a picture: no right or wrong.
  await control('next');
  await expect(a.getByRole('heading', { name: 'Which flag is this?' })).toBeVisible();
  await expect(a.getByRole('img', { name: 'Picture for this question' })).toBeVisible();
  await expect(a.getByText('Poll: there is no right or wrong answer')).toBeVisible();
  await expectAccessible(a, 'poll');
  await screenshot(a, 'question-poll');
  await a.getByRole('button', { name: /: France$/ }).click();
  await b.getByRole('button', { name: /: Italy$/ }).click();
  await reveal();
  await expect(a.getByRole('heading', { name: 'Thanks for voting' })).toBeVisible();
  await expect(a.getByText('+0 points')).toBeVisible();
  await expectAccessible(a, 'poll result');
  await screenshot(a, 'reveal-poll');

  // The podium, then the end: each phone shows its final rank, as the stored results do.
  await control('next');
  await expect(a.getByRole('heading', { name: 'Game over' })).toBeVisible();
  await expect(a.getByText(/^You finished #\d of 2$/)).toBeVisible();
  await expectAccessible(a, 'final');
  await screenshot(a, 'final');
  await control('end');
  await expect(b.getByRole('heading', { name: 'The game has ended' })).toBeVisible();
  await expectAccessible(b, 'ended');
  await screenshot(b, 'ended');
  await expect(a.getByRole('heading', { name: 'The game has ended' })).toBeVisible();
  // The game is over: the screen may sleep again.
  await expect.poll(async () => (await wakeLocks()).wakeLocksHeld).toBe(0);

  const results = await host.call<Results>('GET', `/api/sessions/${session.id}/results`);
  expect(results.standings.map((s) => s.nickname)).toEqual(['Ann', 'Bob']);
  for (const [page, nickname] of [
    [a, 'Ann'],
    [b, 'Bob'],
  ] as const) {
    const standing = results.standings.find((s) => s.nickname === nickname)!;
    await expect(page.getByText(`You finished #${standing.rank} of 2`)).toBeVisible();
    await expect(page.getByText(`${standing.totalScore.toLocaleString('en')} points`, { exact: true })).toBeVisible();
  }

  await Promise.all([ann, bob, cat].map((phone) => phone!.context.close()));
  // The session keeps its own copy of the quiz; the demo library stays as it was.
  await host.call('DELETE', `/api/quizzes/${quiz.id}`);
});
