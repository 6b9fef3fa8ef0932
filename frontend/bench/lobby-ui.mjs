// The host's lobby under a join storm (issue 10): the lobby open in Chromium while N players
// join through the API within a few seconds. Reports the longest main-thread task
// (PerformanceObserver `longtask`) and how long after the last join the roster shows all N.
// Runs against a running platform (./vanguard up):  node bench/lobby-ui.mjs [--players 2000] [--seconds 10]
//
// Joins go straight to session-service (not through the gateway) with a distinct X-Real-IP
// per player, as players on their own phones would come from their own addresses: the join
// rate limit is per address, and session-service trusts X-Real-IP from loopback.
import { chromium } from '@playwright/test';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const players = Number(args.players ?? 2000);
const seconds = Number(args.seconds ?? 10);
const base = process.env.VANGUARD_BASE_URL ?? 'http://localhost:8080';
const sessionService = process.env.VANGUARD_SESSION_URL ?? 'http://127.0.0.1:8083';
const chromiumPath = process.env.VANGUARD_CHROMIUM ?? '/usr/bin/chromium';

async function call(url, { method = 'GET', token, body, headers = {} } = {}) {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const id = Date.now().toString(36);
const account = { email: `bench-${id}@example.com`, password: `lobby-bench-${id}`, displayName: 'Bench Host' };
await call(`${base}/api/auth/register`, { method: 'POST', body: account });
const { accessToken } = await call(`${base}/api/auth/login`, { method: 'POST', body: { email: account.email, password: account.password } });
const quiz = await call(`${base}/api/quizzes`, {
  method: 'POST',
  token: accessToken,
  body: { title: 'Lobby benchmark', questions: [{ type: 'TRUE_FALSE', text: 'Ready?', options: [{ text: 'True', correct: true }, { text: 'False' }] }] },
});
const session = await call(`${base}/api/sessions`, { method: 'POST', token: accessToken, body: { quizId: quiz.id } });

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, baseURL: base });
  await page.addInitScript(() => {
    // When each roster count arrived on the socket, to tell the page's delay from the pipeline's.
    window.__frames = {};
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (event) => {
          if (typeof event.data === 'string' && event.data.includes('"players_joined"')) {
            const frame = JSON.parse(event.data);
            window.__frames[frame.playerCount] ??= performance.timeOrigin + performance.now();
            window.__joinedFrames = (window.__joinedFrames ?? 0) + 1;
            window.__joinedNames = (window.__joinedNames ?? 0) + frame.players.length;
            if (frame.seq < (window.__highestSeq ?? 0)) window.__lateFrames = (window.__lateFrames ?? 0) + 1;
            window.__highestSeq = Math.max(window.__highestSeq ?? 0, frame.seq);
          } else if (typeof event.data === 'string' && event.data.includes('"catchup"')) {
            window.__catchups = (window.__catchups ?? 0) + 1;
          }
        });
      }
    };
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('/host/sign-in');
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Quizzes' }).waitFor();
  await page.goto(`/host/sessions/${session.id}`);
  await page.getByText('Waiting for players to join…').waitFor();
  await page.waitForTimeout(1000);
  // Count from here: the page has settled; record when the count heading first shows everyone.
  // Every change of the count heading is stamped, so the time the roster reached however many
  // joined is known afterwards.
  await page.evaluate(() => {
    window.__longTasks = [];
    window.__counts = [];
    window.__rows = [];
    const heading = () => document.querySelector('h2#players-heading')?.textContent ?? '';
    const rows = () => Number(document.querySelector('li[aria-setsize]')?.getAttribute('aria-setsize') ?? 0);
    let last = '';
    let lastRows = 0;
    new MutationObserver(() => {
      const at = performance.timeOrigin + performance.now();
      const text = heading();
      if (text !== last) {
        last = text;
        window.__counts.push({ text, at });
      }
      const size = rows();
      if (size !== lastRows) {
        lastRows = size;
        window.__rows.push({ size, at });
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-setsize'] });
  });

  // The block list also reads digits as letters, so a numbered name is now and then refused:
  // that player picks another, as a person would.
  const names = (i) => [`Player ${i + 1}`, `Guest ${i + 1}`, `Bench ${(i + 1).toString(36)}`];
  const join = async (i) => {
    for (const nickname of names(i)) {
      try {
        return await call(`${sessionService}/api/sessions/pin/${session.pin}/players`, {
          method: 'POST',
          // each player its own device, as phones have (the server keeps only a salted hash)
          body: { nickname, deviceSecret: `bench-device-${id}-${i}` },
          headers: { 'X-Real-IP': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
        });
      } catch (error) {
        if (!String(error).includes('nickname-rejected')) throw error;
      }
    }
    throw new Error(`every name of player ${i + 1} was refused`);
  };
  const started = Date.now();
  const interval = (seconds * 1000) / players;
  let lastJoin = 0;
  let refused = 0;
  const joins = [];
  for (let i = 0; i < players; i++) {
    const due = started + i * interval;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    joins.push(
      join(i).then(
        () => {
          lastJoin = Math.max(lastJoin, Date.now());
        },
        (error) => {
          refused++;
          if (refused <= 3) console.error(String(error).slice(0, 200));
        },
      ),
    );
  }
  await Promise.all(joins);
  const joinSeconds = (lastJoin - started) / 1000;
  const joined = players - refused;
  const everyone = `${new Intl.NumberFormat('en').format(joined)} ${joined === 1 ? 'player' : 'players'}`;
  console.log(`lobby-ui: ${joined} of ${players} players joined in ${joinSeconds.toFixed(1)} s (${refused} refused by the server)`);
  try {
    await page.waitForFunction((text) => window.__counts.some((count) => count.text === text), everyone, { timeout: 60_000, polling: 100 });
  } catch {
    const shown = await page.locator('h2#players-heading').textContent();
    const frames = await page.evaluate(() => ({ total: window.__joinedFrames ?? 0, late: window.__lateFrames ?? 0 }));
    throw new Error(`the player count did not reach ${everyone} within 60 s of the last join; it shows "${shown}"; the socket brought ${frames.total} players_joined frames (${frames.late} late)`);
  }
  const complete = await page.evaluate((text) => window.__counts.find((count) => count.text === text).at, everyone);
  const arrived = await page.evaluate((count) => window.__frames[count] ?? null, joined);
  // The roster's list (names) may complete later than the count, if a players_joined frame is late.
  const listed = await page
    .waitForFunction((size) => window.__rows.find((row) => row.size >= size)?.at ?? null, joined, { timeout: 60_000, polling: 100 })
    .then(
      (handle) => handle.jsonValue(),
      (error) => {
        console.error(String(error).slice(0, 300));
        return null;
      },
    );
  const listedNames = await page.evaluate(() => window.__rows.at(-1)?.size ?? 0);
  const socket = await page.evaluate(() => ({ frames: window.__joinedFrames ?? 0, names: window.__joinedNames ?? 0, late: window.__lateFrames ?? 0, catchups: window.__catchups ?? 0 }));
  const longTasks = await page.evaluate(() => window.__longTasks);
  // The roster stays usable: scroll to its end and find the last name.
  await page.getByRole('region', { name: 'Players', exact: true }).evaluate((element) => element.scrollTo(0, element.scrollHeight));
  const lastShown = await page.locator(`li[aria-posinset="${listedNames}"]`).waitFor({ timeout: 5_000 }).then(() => true, () => false);
  const longest = longTasks.reduce((max, task) => Math.max(max, task.duration), 0);
  const over100 = longTasks.filter((task) => task.duration > 100).length;
  console.log(`lobby-ui: player count complete ${Math.round(complete - lastJoin)} ms after the last join (goal ≤ 1000 ms)`);
  console.log(
    listed === null
      ? `lobby-ui: the roster's list shows ${listedNames} names 60 s after the count was complete`
      : `lobby-ui: roster list complete (${joined} names) ${Math.round(listed - lastJoin)} ms after the last join`,
  );
  console.log(`lobby-ui: ${socket.frames} players_joined frames naming ${socket.names} players reached the host's socket for ${joined} joins (${socket.late} after a later seq), ${socket.catchups} catch-ups`);
  if (arrived !== null) {
    console.log(`lobby-ui: the frame with the last count arrived ${Math.round(arrived - lastJoin)} ms after the last join; drawn ${Math.round(complete - arrived)} ms after it arrived`);
  }
  console.log(`lobby-ui: longest main-thread task ${longest.toFixed(0)} ms; ${longTasks.length} tasks over 50 ms, ${over100} over 100 ms (goal: none over 100 ms)`);
  console.log(`lobby-ui: the roster's last row (${listedNames}) is ${lastShown ? '' : 'NOT '}shown after scrolling to its end`);
  await call(`${base}/api/sessions/${session.id}/end`, { method: 'POST', token: accessToken });
  if (!lastShown || listed === null) process.exitCode = 1;
} finally {
  await browser.close();
}
