import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { expectAccessible } from './support/accessibility';
import { apiAs, decodeQr, hostScreenshot, newHostAccount, openHostScreen, registerInApp } from './support/host';
import { openPhone } from './support/phone';

interface Results {
  standings: { rank: number; nickname: string; totalScore: number; correctCount: number }[];
  questions: { index: number; text: string; answered: number; correct: number; distribution: number[] }[];
}

/** A real PNG (two colour halves) to upload as a question's picture. */
function picture(): Buffer {
  const png = new PNG({ width: 200, height: 120 });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (png.width * y + x) * 4;
      png.data.set(x < png.width / 2 ? [0, 85, 164, 255] : [239, 65, 53, 255], i);
    }
  }
  return PNG.sync.write(png);
}

const QUESTIONS = [
  { type: 'SINGLE_CHOICE', text: 'Capital of France?', timeLimitSeconds: 120, options: [{ text: 'Paris', correct: true }, { text: 'Lyon' }, { text: 'Nice' }, { text: 'Lille' }] },
  { type: 'MULTIPLE_SELECT', text: 'Which are prime?', timeLimitSeconds: 120, options: [{ text: '2', correct: true }, { text: '4' }, { text: '5', correct: true }, { text: '9' }] },
  { type: 'TRUE_FALSE', text: 'The Rhine flows into the North Sea.', timeLimitSeconds: 120, options: [{ text: 'True', correct: true }, { text: 'False' }] },
  { type: 'TYPE_ANSWER', text: 'Capital of Iceland?', timeLimitSeconds: 120, acceptedAnswers: ['Reykjavík'], options: [] },
  { type: 'POLL', text: 'Which flag is this?', timeLimitSeconds: 120, points: 'NONE', options: [{ text: 'France' }, { text: 'Italy' }, { text: 'Ireland' }] },
];

async function joinWithPin(page: Page, pin: string, nickname: string) {
  await page.goto('/');
  await page.getByLabel('Game PIN').fill(pin);
  await page.getByRole('button', { name: 'Enter' }).click();
  await joinAs(page, nickname);
}

async function joinAs(page: Page, nickname: string) {
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByText('You’re in!')).toBeVisible();
}

/** The counts the host's reveal chart shows, bar by bar. */
async function chartCounts(host: Page): Promise<number[]> {
  const bars = host.getByRole('figure', { name: 'How the players answered' }).getByRole('listitem');
  const labels = await bars.evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
  return labels.map((label) => Number(/: (\d+) answers/.exec(label)?.[1] ?? NaN));
}

// A new host registers, hosts a quiz with a question of every type (one with an uploaded
// picture) on the big screen; three phones join (one by scanning the lobby's QR code), a fourth
// is removed; they play to the podium, and what the big screen showed matches the stored results.
test('a host runs a game of every question type to the podium', async ({ browser, request, baseURL }) => {
  const account = newHostAccount('Quiz Master');
  const { page: host } = await openHostScreen(browser, baseURL!);
  await registerInApp(host, account);
  await expectAccessible(host, 'library (empty)');

  const api = await apiAs(request, account);
  const imageUrl = await api.uploadImage(picture());
  const questions = QUESTIONS.map((question) => (question.type === 'POLL' ? { ...question, imageUrl } : question));
  await api.call('POST', '/api/quizzes', { title: 'Capitals and more', visibility: 'PRIVATE', tags: ['geography'], questions });

  await host.reload();
  await expect(host.getByRole('heading', { name: 'Capitals and more' })).toBeVisible();
  await expectAccessible(host, 'library');
  await hostScreenshot(host, 'library');
  await host.getByRole('button', { name: 'Host Capitals and more' }).click();
  await expect(host.getByRole('heading', { name: 'Host “Capitals and more”' })).toBeVisible();
  await expect(host.getByLabel(/Let players join late/)).toBeChecked();
  await expectAccessible(host, 'game settings');
  await hostScreenshot(host, 'game-settings');
  await host.getByRole('button', { name: 'Open the lobby' }).click();

  // The lobby: PIN, a QR code that scans to the join link on this origin, the link itself.
  const pinText = host.getByLabel(/^Game PIN \d( \d){5}$/);
  await expect(pinText).toHaveText(/^\d{6}$/);
  const pin = (await pinText.textContent())!;
  const sessionId = /\/host\/sessions\/([0-9a-f-]+)$/.exec(host.url())![1]!;
  const joinLink = `${baseURL}/join/${pin}`;
  await expect(host.getByRole('link', { name: joinLink })).toBeVisible();
  expect(await decodeQr(host.getByRole('img', { name: /^QR code for/ }))).toBe(joinLink);
  await expect(host.getByText('Waiting for players to join…')).toBeVisible();
  await expectAccessible(host, 'lobby (empty)');

  const [ann, bob, cat, dan] = await Promise.all([0, 1, 2, 3].map(() => openPhone(browser, baseURL!)));
  const a = ann!.page;
  const b = bob!.page;
  const c = cat!.page;
  const d = dan!.page;
  await joinWithPin(a, pin, 'Ann');
  await b.goto(await decodeQr(host.getByRole('img', { name: /^QR code for/ })));
  await joinAs(b, 'Bob');
  await joinWithPin(c, pin, 'Cat');
  await joinWithPin(d, pin, 'Dan');
  await expect(host.getByRole('heading', { name: '4 players' })).toBeVisible();

  // Removing a player takes one click and a confirmation; cancelling keeps them.
  await host.getByRole('button', { name: 'Remove Dan' }).click();
  await expect(host.getByRole('dialog', { name: 'Remove Dan from the game?' })).toBeVisible();
  await expectAccessible(host, 'remove a player');
  await host.getByRole('button', { name: 'Cancel' }).click();
  await expect(host.getByRole('dialog')).toHaveCount(0);
  await host.getByRole('button', { name: 'Remove Dan' }).click();
  await host.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(host.getByRole('heading', { name: '3 players' })).toBeVisible();
  await expect(d.getByRole('heading', { name: 'You were removed from this game' })).toBeVisible();
  await expectAccessible(host, 'lobby');
  await hostScreenshot(host, 'lobby');

  const shown: number[][] = [];
  const answeredShown: number[] = [];

  // 1. Single choice: the live answer count rises as phones answer.
  await host.getByRole('button', { name: 'Start' }).click();
  await expect(host.getByRole('heading', { name: 'Capital of France?' })).toBeVisible();
  await expect(host.getByText('Question 1 of 5')).toBeVisible();
  await expect(host.getByRole('timer')).toHaveText(/^1[01]\d/);
  await expect(host.getByRole('listitem', { name: 'Answer A (triangle): Paris' })).toBeVisible();
  await expectAccessible(host, 'question');
  await a.getByRole('button', { name: /: Paris$/ }).click();
  await b.getByRole('button', { name: /: Paris$/ }).click();
  await expect(host.getByRole('status').filter({ hasText: 'of 3 answered' })).toHaveText('2of 3 answered');
  await hostScreenshot(host, 'question');
  await c.getByRole('button', { name: /: Lyon$/ }).click();
  // Everyone online answered: the server closes the question by itself.
  await expect(host.getByRole('figure', { name: 'How the players answered' })).toBeVisible();
  await expect(host.getByRole('listitem', { name: 'Answer A (triangle): Paris: 2 answers, correct' })).toBeVisible();
  await expect(host.getByText('2 of 3 answered right')).toBeVisible();
  const top = host.getByRole('region', { name: 'Top 5' });
  await expect(top.getByRole('listitem')).toHaveCount(3);
  await expectAccessible(host, 'reveal');
  shown.push(await chartCounts(host));
  answeredShown.push(3);

  // 2. Multiple select; Cat does not answer and the host reveals.
  await host.getByRole('button', { name: 'Next question' }).click();
  await expect(host.getByRole('heading', { name: 'Which are prime?' })).toBeVisible();
  await a.getByRole('button', { name: /: 2$/ }).click();
  await a.getByRole('button', { name: /: 5$/ }).click();
  await a.getByRole('button', { name: 'Submit answer' }).click();
  await b.getByRole('button', { name: /: 4$/ }).click();
  await b.getByRole('button', { name: 'Submit answer' }).click();
  await expect(host.getByRole('status').filter({ hasText: 'of 3 answered' })).toHaveText('2of 3 answered');
  await host.getByRole('button', { name: 'Reveal' }).click();
  await expect(host.getByRole('listitem', { name: 'Answer C (circle): 5: 1 answers, correct' })).toBeVisible();
  await expect(top.getByText(/▲|▼|–/).first()).toBeVisible();
  await hostScreenshot(host, 'reveal');
  shown.push(await chartCounts(host));
  answeredShown.push(2);

  // 3. True or false.
  await host.getByRole('button', { name: 'Next question' }).click();
  await expect(host.getByRole('heading', { name: 'The Rhine flows into the North Sea.' })).toBeVisible();
  for (const [page, answer] of [[a, 'True'], [b, 'False'], [c, 'True']] as const) await page.getByRole('button', { name: new RegExp(`: ${answer}$`) }).click();
  await expect(host.getByRole('listitem', { name: 'Answer A (triangle): True: 2 answers, correct' })).toBeVisible();
  shown.push(await chartCounts(host));
  answeredShown.push(3);

  // 4. Type the answer: the accepted answers instead of a chart.
  await host.getByRole('button', { name: 'Next question' }).click();
  await expect(host.getByRole('heading', { name: 'Capital of Iceland?' })).toBeVisible();
  await expect(host.getByText('Type your answer on your phone')).toBeVisible();
  for (const [page, answer] of [[a, 'reykjavik'], [b, 'Oslo'], [c, 'Reykjavík']] as const) {
    await page.getByLabel('Your answer').fill(answer);
    await page.getByRole('button', { name: 'Submit answer' }).click();
  }
  await expect(host.getByRole('heading', { name: 'Accepted answers' })).toBeVisible();
  await expect(host.getByText('2 of 3 answered right')).toBeVisible();
  await expectAccessible(host, 'reveal, type the answer');
  shown.push([]);
  answeredShown.push(3);

  // 5. A poll with the uploaded picture: no correct answer.
  await host.getByRole('button', { name: 'Next question' }).click();
  await expect(host.getByRole('heading', { name: 'Which flag is this?' })).toBeVisible();
  await expect(host.getByRole('img', { name: 'Picture for this question' })).toBeVisible();
  await expect(host.getByRole('img', { name: 'Picture for this question' })).toHaveJSProperty('naturalWidth', 200);
  await expectAccessible(host, 'question with a picture');
  await hostScreenshot(host, 'question-poll');
  for (const [page, answer] of [[a, 'France'], [b, 'Italy'], [c, 'France']] as const) await page.getByRole('button', { name: new RegExp(`: ${answer}$`) }).click();
  await expect(host.getByRole('listitem', { name: 'Answer A (triangle): France: 2 answers' })).toBeVisible();
  shown.push(await chartCounts(host));
  answeredShown.push(3);

  // The podium, then the end.
  await host.getByRole('button', { name: 'Show the podium' }).click();
  await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();
  const podium = await host.getByRole('listitem').evaluateAll((items) => items.map((item) => item.textContent ?? ''));
  await expectAccessible(host, 'podium');
  await hostScreenshot(host, 'podium');
  await host.getByRole('button', { name: 'End the game' }).click();
  await expect(host.getByRole('heading', { name: 'The game is over' })).toBeVisible();
  await expectAccessible(host, 'game over');

  // What the big screen showed is what the server stored.
  const results = await api.call<Results>('GET', `/api/sessions/${sessionId}/results`);
  expect(results.questions.map((question) => question.distribution)).toEqual(shown);
  expect(results.questions.map((question) => question.answered)).toEqual(answeredShown);
  const expectedPodium = results.standings
    .filter((standing) => standing.rank <= 3)
    .slice(0, 3)
    .map((standing) => `${['1st', '2nd', '3rd'][standing.rank - 1]}${standing.nickname}${standing.totalScore} points`);
  expect(podium).toEqual(expect.arrayContaining(expectedPodium));
  expect(podium).toHaveLength(expectedPodium.length);
  expect(results.standings.map((standing) => standing.nickname).sort()).toEqual(['Ann', 'Bob', 'Cat']);

  // The results page shows the same standings, and its CSV's totals match them.
  await host.getByRole('link', { name: 'See the results' }).click();
  await expect(host.getByRole('heading', { name: 'Results: Capitals and more' })).toBeVisible();
  for (const standing of results.standings) {
    await expect(host.getByRole('row', { name: new RegExp(`^${standing.rank} ${standing.nickname} ${standing.totalScore} `) })).toBeVisible();
  }
  await expect(host.getByRole('heading', { name: '1. Capital of France?' })).toBeVisible();
  await expectAccessible(host, 'results');
  await hostScreenshot(host, 'results');
  const [download] = await Promise.all([host.waitForEvent('download'), host.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('capitals-and-more-results.csv');
  const csv = (await readFile((await download.path())!, 'utf8')).trim().split(/\r?\n/);
  const totals = csv.slice(csv.indexOf('') + 2).map((line) => line.split(','));
  expect(csv).toContain('nickname,rank,total_score,correct_count');
  expect(totals).toEqual(results.standings.map((standing) => [standing.nickname, String(standing.rank), String(standing.totalScore), String(standing.correctCount)]));

  await host.getByRole('link', { name: 'Past games' }).click();
  await expect(host.getByRole('link', { name: /^Results of Capitals and more/ })).toBeVisible();
  await expectAccessible(host, 'past games');
  await hostScreenshot(host, 'past-games');
});

// The big screen survives a reload mid-question: it comes back on the same question, with the
// answers so far and the time left, and the game goes on.
test('the host reloads mid-question and carries on', async ({ browser, request, baseURL }) => {
  const account = newHostAccount('Reload Host');
  const { page: host } = await openHostScreen(browser, baseURL!);
  await registerInApp(host, account);
  const api = await apiAs(request, account);
  await api.call('POST', '/api/quizzes', { title: 'Two questions', visibility: 'PRIVATE', questions: [QUESTIONS[0], QUESTIONS[2]] });
  await host.reload();
  await host.getByRole('button', { name: 'Host Two questions' }).click();
  await host.getByRole('button', { name: 'Open the lobby' }).click();
  const pinText = host.getByLabel(/^Game PIN/);
  await expect(pinText).toHaveText(/^\d{6}$/);
  const pin = (await pinText.textContent())!;

  const [ann, bob] = await Promise.all([0, 1].map(() => openPhone(browser, baseURL!)));
  await joinWithPin(ann!.page, pin, 'Ann');
  await joinWithPin(bob!.page, pin, 'Bob');
  await expect(host.getByRole('heading', { name: '2 players' })).toBeVisible();
  await host.getByRole('button', { name: 'Start' }).click();
  await expect(host.getByRole('heading', { name: 'Capital of France?' })).toBeVisible();
  await ann!.page.getByRole('button', { name: /: Paris$/ }).click();
  await expect(host.getByRole('status').filter({ hasText: 'of 2 answered' })).toHaveText('1of 2 answered');

  // The access token lived in memory only: the refresh cookie signs the host in again.
  await host.reload();
  await expect(host.getByRole('heading', { name: 'Capital of France?' })).toBeVisible();
  await expect(host.getByText('Question 1 of 2')).toBeVisible();
  await expect(host.getByRole('status').filter({ hasText: 'of 2 answered' })).toHaveText('1of 2 answered');
  await expect(host.getByRole('timer')).toHaveText(/^1[01]\d/);

  await bob!.page.getByRole('button', { name: /: Nice$/ }).click();
  await expect(host.getByRole('listitem', { name: 'Answer A (triangle): Paris: 1 answers, correct' })).toBeVisible();
  await host.reload();
  await expect(host.getByRole('listitem', { name: 'Answer C (circle): Nice: 1 answers' })).toBeVisible();
  await host.getByRole('button', { name: 'Next question' }).click();
  await expect(host.getByRole('heading', { name: 'The Rhine flows into the North Sea.' })).toBeVisible();
  await host.getByRole('button', { name: 'Skip' }).click();
  await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();
  await host.reload();
  await expect(host.getByRole('heading', { name: 'Podium' })).toBeVisible();
  await host.getByRole('button', { name: 'End the game' }).click();
  await expect(host.getByRole('heading', { name: 'The game is over' })).toBeVisible();
});
