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

/** Fills question `number` (1-based, already added and selected) in the editor. */
async function fillQuestion(host: Page, question: (typeof QUESTIONS)[number]) {
  const form = host.getByRole('region', { name: /^Question \d+$/ });
  const types: Record<string, string> = { SINGLE_CHOICE: 'Single choice', MULTIPLE_SELECT: 'Multiple select', TRUE_FALSE: 'True or false', TYPE_ANSWER: 'Type the answer', POLL: 'Poll' };
  await form.getByLabel('Type', { exact: true }).selectOption({ label: types[question.type]! });
  await form.getByLabel('Question', { exact: true }).fill(question.text);
  await form.getByLabel('Time limit').selectOption({ label: `${question.timeLimitSeconds} s` });
  if (question.type === 'TYPE_ANSWER') {
    await form.getByRole('textbox', { name: 'Accepted answer 1' }).fill(question.acceptedAnswers![0]!);
    return;
  }
  if (question.type === 'TRUE_FALSE') return;
  const letters = ['A (triangle)', 'B (diamond)', 'C (circle)', 'D (square)'];
  for (let index = 0; index < question.options.length; index++) {
    const option = question.options[index]!;
    await form.getByRole('textbox', { name: `Answer ${letters[index]} text` }).fill(option.text);
    if (question.type !== 'POLL') {
      const right = form.getByRole(question.type === 'MULTIPLE_SELECT' ? 'checkbox' : 'radio', { name: `Right Answer ${letters[index]}` });
      if ((option as { correct?: boolean }).correct) await right.check();
      else await right.uncheck().catch(() => undefined);
    }
  }
  if (question.options.length < 4) await form.getByRole('button', { name: 'Remove Answer D (square)' }).click();
}

/**
 * Builds the quiz in the editor as a host would: every type, a picture (after a refused
 * upload), the questions put in order by keyboard and by drag; the save is checked against the
 * API, and a save that lost an optimistic-locking race offers to reload.
 */
async function buildQuizInEditor(host: Page, api: Awaited<ReturnType<typeof apiAs>>): Promise<string> {
  await host.getByRole('link', { name: 'New quiz' }).click();
  await expect(host.getByRole('heading', { name: 'New quiz' })).toBeVisible();
  // Nothing typed yet: the editor says what to fix, before asking the server.
  await host.getByRole('button', { name: 'Save' }).click();
  await expect(host.getByText('Give the quiz a title.')).toBeVisible();
  await expect(host.getByText('Type the question.')).toBeVisible();
  await host.getByLabel('Title').fill('Capitals and more');
  await host.getByLabel('Tags').fill('geography, capitals');

  // Added in the order 2, 1, 3, 5, 4; put right below by drag and by keyboard.
  const order = [QUESTIONS[1]!, QUESTIONS[0]!, QUESTIONS[2]!, QUESTIONS[4]!, QUESTIONS[3]!];
  for (let index = 0; index < order.length; index++) {
    if (index > 0) await host.getByRole('button', { name: 'Add a question' }).click();
    await expect(host.getByRole('heading', { name: `Question ${index + 1}` })).toBeVisible();
    await fillQuestion(host, order[index]!);
  }
  const form = host.getByRole('region', { name: /^Question \d+$/ });
  // The poll (now question 4) gets a picture; a file that is not an image is refused first.
  await host.getByRole('button', { name: /^4\. Which flag is this\?/ }).click();
  await form.getByLabel('Add a picture').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
  await expect(form.getByRole('alert')).toContainText('The picture was refused');
  await form.getByLabel('Add a picture').setInputFiles({ name: 'flag.png', mimeType: 'image/png', buffer: picture() });
  await expect(form.getByRole('img', { name: 'The question’s picture' })).toHaveJSProperty('naturalWidth', 200);
  await expectAccessible(host, 'editor');
  await hostScreenshot(host, 'editor');

  const list = host.getByRole('list', { name: 'Questions' });
  const titles = () => list.getByRole('listitem').evaluateAll((items) => items.map((item) => item.querySelectorAll('button')[1]?.firstElementChild?.textContent ?? ''));
  // Keyboard: question 5 (type the answer) up one place.
  await host.getByRole('button', { name: /^Move question 5\./ }).focus();
  await host.keyboard.press('Space');
  await expect(host.getByText('Question 5 is over position 5.')).toBeAttached();
  // dnd-kit's keyboard sensor starts listening for the arrow keys from a zero-delay timer after
  // the pick-up (so that the key that picked up does not also move); a timer queued now runs after it.
  // A person is never this quick; the test on a loaded machine was (its ArrowUp went unheard).
  await host.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await host.keyboard.press('ArrowUp');
  await expect(host.getByText('Question 5 is over position 4.')).toBeAttached();
  await host.keyboard.press('Space');
  await expect.poll(titles).toEqual(['1. Which are prime?', '2. Capital of France?', '3. The Rhine flows into the North Sea.', '4. Capital of Iceland?', '5. Which flag is this?']);
  // Drag: question 2 above question 1.
  const handle = host.getByRole('button', { name: /^Move question 2\./ });
  const target = host.getByRole('button', { name: /^Move question 1\./ });
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await host.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await host.mouse.down();
  for (let step = 1; step <= 10; step++) await host.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + ((to.y - from.y - 10) * step) / 10);
  await host.mouse.up();
  await expect.poll(titles).toEqual(QUESTIONS.map((question, index) => `${index + 1}. ${question.text}`));

  await host.getByRole('button', { name: 'Save' }).click();
  await expect(host.getByText('All changes saved.')).toBeVisible();
  await expect(host).toHaveURL(/\/host\/quizzes\/[0-9a-f-]+\/edit$/);
  const quizId = /quizzes\/([0-9a-f-]+)\/edit/.exec(host.url())![1]!;
  const saved = await api.call<{ version: number; tags: string[]; questions: { type: string; text: string; imageUrl: string | null; timeLimitSeconds: number; options: { text: string; correct: boolean }[]; acceptedAnswers: string[] }[] }>('GET', `/api/quizzes/${quizId}`);
  expect(saved.tags).toEqual(['geography', 'capitals']);
  expect(saved.questions.map((question) => [question.type, question.text, question.timeLimitSeconds])).toEqual(QUESTIONS.map((question) => [question.type, question.text, 120]));
  expect(saved.questions[4]!.imageUrl).toMatch(/^\/api\/quizzes\/images\/[0-9a-f]{64}\.png$/);
  expect(saved.questions[1]!.options.filter((option) => option.correct).map((option) => option.text)).toEqual(['2', '5']);
  expect(saved.questions[3]!.acceptedAnswers).toEqual(['Reykjavík']);

  // Unsaved changes are warned about before leaving.
  await host.getByLabel('Description').fill('Warm-up round');
  await expect(host.getByText('Unsaved changes')).toBeVisible();
  host.once('dialog', (dialog) => void dialog.dismiss());
  await host.getByRole('link', { name: 'Quizzes' }).click();
  await expect(host.getByRole('heading', { name: 'Edit quiz' })).toBeVisible();

  // Someone else saves first (another tab): this save is refused and the editor offers a reload.
  await api.call('PUT', `/api/quizzes/${quizId}`, { ...saved, description: 'Saved elsewhere' });
  await host.getByRole('button', { name: 'Save' }).click();
  await expect(host.getByRole('alert').filter({ hasText: 'Someone saved this quiz since you opened it' })).toBeVisible();
  await host.getByRole('button', { name: 'Reload the quiz' }).click();
  await expect(host.getByLabel('Description')).toHaveValue('Saved elsewhere');
  await expect(host.getByText('No unsaved changes.')).toBeVisible();
  return quizId;
}

// A new host registers, hosts a quiz with a question of every type (one with an uploaded
// picture) on the big screen; three phones join (one by scanning the lobby's QR code), a fourth
// is removed; they play to the podium, and what the big screen showed matches the stored results.
test('a host runs a game of every question type to the podium', async ({ browser, request, baseURL }) => {
  const account = newHostAccount('Quiz Master');
  const { page: host } = await openHostScreen(browser, baseURL!);
  await host.goto('/host');
  await expect(host).toHaveURL(/\/host\/sign-in\?next=%2Fhost$/);
  await expectAccessible(host, 'sign-in');
  await hostScreenshot(host, 'sign-in');
  await registerInApp(host, account);
  await expectAccessible(host, 'library (empty)');

  const api = await apiAs(request, account);
  await buildQuizInEditor(host, api);

  await host.getByRole('link', { name: 'Quizzes' }).click();
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
  await host.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
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
    .map((standing) => `${['1st', '2nd', '3rd'][standing.rank - 1]}${standing.nickname}${new Intl.NumberFormat('en').format(standing.totalScore)} points`);
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
  const summaryStart = csv.indexOf('') + 2;
  const summaryEnd = csv.indexOf('', summaryStart);
  const totals = csv.slice(summaryStart, summaryEnd).map((line) => line.split(','));
  expect(csv.slice(summaryEnd)).toEqual(['', 'live_state_lost', 'false']);
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
