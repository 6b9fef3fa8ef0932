// The fault suite (issue 16): games of 30 players through the gateway, two realtime
// instances, while faults are injected from outside. Run by `./vanguard chaos` (and by
// `./vanguard test` after the browser tests); see docs/operations/fault-suite.md.
//
//   node --experimental-websocket chaos/chaos.mjs --gateway-dir DIR --nginx BIN --java BIN
//        [--rounds 1] [--players 30] [--junit FILE] [--keep-broker] [--only FAULT,…]
//
// --only plays only the faults whose names contain one of the comma-separated words
// (case-insensitive), e.g. `--only "redis restarted empty"`: a shorter game to check one fix.
//
// Each fault is injected into its own question of one game (several faults share a game: each
// question is checked on its own, and the results at the end hold every question's answers).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Phone } from './phone.mjs';
import { Platform, sleep } from './platform.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const target = path.join(here, 'target');

function argument(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
}

const ROUNDS = Number(argument('--rounds', process.env.CHAOS_ROUNDS ?? '1'));
const PLAYERS = Number(argument('--players', '30'));
const JUNIT = argument('--junit', path.join(target, 'surefire-reports', 'TEST-chaos.xml'));
const KEEP_BROKER = process.argv.includes('--keep-broker');
const TIME_LIMIT_S = 10;
/** A question that reaches the phones has at least this much of its time left ("full time"). */
const FULL_TIME_MS = TIME_LIMIT_S * 1000 - 2000;
/** Goal for how long a phone is deaf when a realtime instance goes and another is up. */
const DEAF_GOAL_MS = 5000;
/** Longest a question may stay open, whatever the fault (a session-service restart included). */
const QUESTION_HANG_MS = TIME_LIMIT_S * 1000 + 150_000;
const OPTIONS = ['Red', 'Green', 'Blue', 'Yellow'];

// ---------------------------------------------------------------------------- the faults

/**
 * One fault per question. Hooks run around the host's click that opens the question:
 * `beforeClick`, `afterClick` (awaited before waiting for the close), `mid` (1.5 s after the
 * click, while players are answering), `atDeadline` (just before the deadline), `afterClose`.
 */
const ALL_FAULTS = [
  {
    name: 'RabbitMQ closes every connection mid-question',
    mid: (p) => p.closeRabbitConnections(),
  },
  {
    name: 'realtime instance A SIGKILLed mid-question (B up)',
    realtime: true,
    mid: async (p, g) => {
      await p.kill('realtime-a', 'SIGKILL');
      g.background(p.restartService('realtime-a'));
    },
  },
  {
    name: 'Redis Pub/Sub connections killed mid-question',
    mid: (p) => p.redis('CLIENT', 'KILL', 'TYPE', 'pubsub'),
  },
  {
    name: 'Redis normal connections killed mid-question',
    mid: (p) => p.redis('CLIENT', 'KILL', 'TYPE', 'normal'),
  },
  {
    name: 'RabbitMQ stopped across the host\'s click (8 s)',
    fullTime: true,
    beforeClick: (p) => p.stopBroker(),
    afterClick: async (p) => {
      await sleep(8000);
      await p.startBroker();
    },
  },
  {
    name: 'realtime instance B SIGTERMed mid-question (A up)',
    realtime: true,
    beforeClick: (p, g) => g.settled(),
    mid: (p, g) => {
      g.background(p.kill('realtime-b', 'SIGTERM').then(() => p.restartService('realtime-b')));
    },
  },
  {
    name: 'Redis SIGKILLed mid-question, restarted with its AOF',
    mid: (p) => p.restartRedis({ empty: false }),
  },
  {
    name: 'PostgreSQL backends terminated mid-question and before the next click',
    mid: (p) => p.terminateBackends(),
    afterClose: (p) => p.terminateBackends(),
  },
  {
    name: 'session-service SIGKILLed right after the click, restarted',
    afterClick: async (p) => {
      await p.kill('session-service', 'SIGKILL');
      await p.restartService('session-service');
    },
  },
  {
    name: 'session-service SIGKILLed at the deadline, restarted',
    // a fifth of the players leave it unanswered, so it closes at its deadline
    unanswered: (player) => player % 5 === 0,
    atDeadline: async (p) => {
      await p.kill('session-service', 'SIGKILL');
      await p.restartService('session-service');
    },
  },
  {
    name: 'Redis restarted empty mid-question',
    liveStateLost: true,
    mid: (p) => p.restartRedis({ empty: true }),
  },
  {
    name: 'no fault: the game goes on',
  },
];

const ONLY = argument('--only', '')
  .split(',')
  .map((word) => word.trim().toLowerCase())
  .filter(Boolean);
const FAULTS = ONLY.length ? ALL_FAULTS.filter((f) => ONLY.some((word) => f.name.toLowerCase().includes(word))) : ALL_FAULTS;
if (FAULTS.length === 0) throw new Error(`--only ${ONLY}: no fault of that name`);

// ---------------------------------------------------------------------------- HTTP

class Api {
  constructor(base) {
    this.base = base;
  }

  async call(method, url, token, body) {
    const response = await fetch(`${this.base}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
  }

  async expect(method, url, token, body, status) {
    const reply = await this.call(method, url, token, body);
    if (reply.status !== status) throw new Error(`${method} ${url}: ${reply.status}, expected ${status}: ${reply.text}`);
    return reply;
  }
}

// ---------------------------------------------------------------------------- one game

class Game {
  constructor(platform, round) {
    this.platform = platform;
    this.round = round;
    this.api = new Api(platform.baseUrl);
    this.fault = 'setup';
    this.pending = [];
    /** fault name → problems found */
    this.problems = new Map(FAULTS.map((f) => [f.name, []]));
    this.problems.set('results and CSV', []);
    this.problems.set('the game ends', []);
    this.notes = new Map();
  }

  background(promise) {
    this.pending.push(promise.catch((error) => this.fail(this.fault, `background: ${error.message}`)));
  }

  async settled() {
    await Promise.all(this.pending);
    this.pending = [];
  }

  fail(fault, problem) {
    (this.problems.get(fault) ?? this.problems.get('the game ends')).push(problem);
  }

  plan(player, question) {
    if (FAULTS[question]?.unanswered?.(player)) return null;
    return { delayMs: 300 + ((player * 7 + question * 3) % 30) * 110, option: (player + question) % OPTIONS.length };
  }

  async play() {
    const suffix = `${Date.now().toString(36)}${this.round}`;
    const email = `chaos-${suffix}@vanguard.test`;
    await this.api.expect('POST', '/api/auth/register', null, { email, password: 'chaos-password-1', displayName: 'Chaos host' }, 201);
    this.token = (await this.api.expect('POST', '/api/auth/login', null, { email, password: 'chaos-password-1' }, 200)).json().accessToken;
    this.questions = FAULTS.map((fault, i) => ({
      type: 'SINGLE_CHOICE',
      text: `Question ${i + 1}: ${fault.name}`,
      imageUrl: null,
      timeLimitSeconds: TIME_LIMIT_S,
      points: 'STANDARD',
      options: OPTIONS.map((text, o) => ({ text, correct: o === 0 })),
      acceptedAnswers: [],
    }));
    const quiz = (
      await this.api.expect('POST', '/api/quizzes', this.token, {
        title: `Chaos ${suffix}`, description: 'Made by the fault suite.', visibility: 'PRIVATE', tags: ['chaos'], questions: this.questions,
      }, 201)
    ).json();
    const session = (await this.api.expect('POST', '/api/sessions', this.token, { quizId: quiz.id }, 201)).json();
    this.sessionId = session.id;
    const wsBase = this.platform.baseUrl.replace(/^http/, 'ws');
    this.phones = [];
    for (let i = 0; i < PLAYERS; i++) {
      const player = (
        await this.api.expect('POST', `/api/sessions/pin/${session.pin}/players`, null, {
          nickname: `chaos-${String(i + 1).padStart(2, '0')}`, deviceSecret: randomBytes(32).toString('base64url'),
        }, 201)
      ).json();
      this.phones.push(new Phone({ wsBase, player, index: i, plan: (q) => this.plan(i, q), faultNow: () => this.fault }));
    }
    this.phones.forEach((phone) => phone.connect());
    await this.until(() => this.phones.every((phone) => phone.socket.readyState === WebSocket.OPEN && phone.deafSince === null), 20_000,
      'every phone connected');
    // the live-state check only rebuilds sessions older than 10 s: the game starts after that
    await sleep(10_000);
    try {
      for (let q = 0; q < FAULTS.length; q++) await this.question(q);
      this.fault = 'the game ends';
      await this.click('next', 'the game ends');
      await this.click('end', 'the game ends');
      await this.until(() => this.phones.every((phone) => phone.ended), 20_000, 'session_ended at every phone').catch((error) =>
        this.fail('the game ends', `${error.message}; not ended: ${this.phones.filter((p) => !p.ended).map((p) => p.player.nickname)}`),
      );
    } finally {
      await this.settled();
      this.phones.forEach((phone) => phone.stop());
    }
    await this.checkResults();
  }

  async until(condition, ms, what) {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
      await sleep(50);
    }
  }

  /** A host's click must be answered 200, whatever the fault (a 500 or 502 is a failure). */
  async click(action, fault) {
    const reply = await this.api.call('POST', `/api/sessions/${this.sessionId}/${action}`, this.token);
    if (reply.status !== 200) {
      this.fail(fault, `the host's ${action} got ${reply.status}: ${reply.text.slice(0, 200)}`);
      // the game goes on: the click is repeated once the platform answers
      for (let i = 0; i < 120; i++) {
        await sleep(500);
        const again = await this.api.call('POST', `/api/sessions/${this.sessionId}/${action}`, this.token);
        if (again.status === 200) return again.json();
      }
      throw new Error(`the host's ${action} never succeeded`);
    }
    return reply.json();
  }

  async sessionState() {
    try {
      const reply = await this.api.call('GET', `/api/sessions/${this.sessionId}`, this.token);
      return reply.status === 200 ? reply.json() : null;
    } catch {
      return null;
    }
  }

  async question(q) {
    const fault = FAULTS[q];
    this.fault = fault.name;
    const p = this.platform;
    console.log(`  question ${q + 1}: ${fault.name}`);
    await fault.beforeClick?.(p, this);
    const clicked = await this.click(q === 0 ? 'start' : 'next', fault.name);
    const hooks = [];
    if (fault.afterClick) await fault.afterClick(p, this);
    if (fault.mid) hooks.push(sleep(1500).then(() => fault.mid(p, this)));
    if (fault.atDeadline) hooks.push(sleep(Math.max(0, clicked.questionDeadline - 300 - Date.now())).then(() => fault.atDeadline(p, this)));
    const closed = this.awaitClose(q);
    await Promise.all([...hooks.map((hook) => hook.catch((error) => this.fail(fault.name, `injecting: ${error.message}`))), closed]);
    await closed;
    // every phone sees the reveal (a reveal frame, or a catch-up on the reveal)
    await this.until(() => this.phones.every((phone) => phone.revealed.has(q)), 20_000, 'the reveal at every phone').catch((error) =>
      this.fail(fault.name, `${error.message}; missing: ${this.phones.filter((ph) => !ph.revealed.has(q)).map((ph) => ph.player.nickname)}`),
    );
    this.checkQuestion(q, fault);
    await fault.afterClose?.(p, this);
  }

  async awaitClose(q) {
    const deadline = Date.now() + QUESTION_HANG_MS;
    while (Date.now() < deadline) {
      const state = await this.sessionState();
      if (state && (state.questionIndex > q || (state.questionIndex === q && state.status !== 'QUESTION'))) return;
      await sleep(200);
    }
    throw new Error(`question ${q + 1} (${FAULTS[q].name}) was still open ${QUESTION_HANG_MS / 1000} s after the click: the game hangs`);
  }

  checkQuestion(q, fault) {
    const fail = (problem) => this.fail(fault.name, problem);
    const notShown = this.phones.filter((phone) => !(phone.shown.get(q)?.timeLeftMs > 0));
    if (notShown.length > 0) {
      fail(`${notShown.length} phones never saw question ${q + 1} while it was open: ${notShown.map((ph) => ph.player.nickname)}`);
    }
    if (fault.fullTime) {
      const short = this.phones.filter((phone) => (phone.shown.get(q)?.timeLeftMs ?? 0) < FULL_TIME_MS);
      if (short.length > 0) {
        fail(`${short.length} phones got less than their full time: ${short.map((ph) => `${ph.player.nickname} ${ph.shown.get(q)?.timeLeftMs} ms`)}`);
      }
      const left = this.phones.map((phone) => phone.shown.get(q)?.timeLeftMs ?? 0);
      this.notes.set(fault.name, `time left when shown ${Math.min(...left)}–${Math.max(...left)} ms of ${TIME_LIMIT_S * 1000}`);
    }
    const unanswered = this.phones.filter((phone) => this.plan(phone.index, q) && !phone.acked.has(q));
    if (unanswered.length > 0) {
      fail(`${unanswered.length} phones could not get their answer accepted: ${unanswered.map((ph) => `${ph.player.nickname} [${ph.trail.slice(-8).join(', ')}]`)}`);
    }
    const refused = this.phones.flatMap((phone) => phone.refused.filter((r) => r.index === q).map((r) => `${phone.player.nickname} ${r.code}`));
    if (refused.length > 0) fail(`answers refused: ${refused}`);
    // No exception, Redis restarted empty included: an acknowledged answer was on the broker
    // before the phone heard of it, kept in PostgreSQL and put back by the rebuild (ADR 8).
    const lost = this.phones.flatMap((phone) => phone.lost.filter((l) => l.index === q).map(() => phone.player.nickname));
    if (lost.length > 0) {
      fail(`${lost.length} acknowledged answers to the open question gone from the server (a catch-up showed none): ${lost}`);
    }
    if (fault.liveStateLost) {
      const kept = new Set(this.phones.filter((phone) => phone.kept.some((k) => k.index === q)).map((phone) => phone.player.nickname));
      this.notes.set(fault.name, `${kept.size} answers acknowledged before the loss shown accepted again by the catch-up after the rebuild`);
    }
    const changed = this.phones.flatMap((phone) => phone.changed.filter((c) => c.index === q)
      .map((c) => `${phone.player.nickname} ${JSON.stringify(c.was)} → ${JSON.stringify(c.now)}`));
    if (changed.length > 0) fail(`acknowledged answers shown otherwise later: ${changed}`);
    const finals = this.phones.filter((phone) => phone.finalClose !== null);
    if (finals.length > 0) fail(`phones closed for good: ${finals.map((ph) => `${ph.player.nickname} ${ph.finalClose}`)}`);
  }

  deafReport(fault) {
    const periods = this.phones.flatMap((phone) => phone.deaf.filter((d) => d.fault === fault.name).map((d) => d.ms));
    const closes = this.phones.flatMap((phone) => phone.closes.filter((c) => c.fault === fault.name));
    const codes = [...new Set(closes.map((c) => c.code))].join(',');
    if (periods.length === 0) return { text: closes.length ? `closes ${codes}, no reconnect` : 'no socket closed', max: 0 };
    periods.sort((a, b) => a - b);
    const max = periods[periods.length - 1];
    return {
      text: `${periods.length} phones deaf (closes ${codes}): median ${periods[Math.floor(periods.length / 2)]} ms, max ${max} ms`,
      max,
    };
  }

  // -------------------------------------------------------------------------- results

  async checkResults() {
    const fail = (problem) => this.fail('results and CSV', problem);
    const results = (await this.api.expect('GET', `/api/sessions/${this.sessionId}/results`, this.token, null, 200)).json();
    const csv = parseCsv((await this.api.expect('GET', `/api/sessions/${this.sessionId}/results.csv`, this.token, null, 200)).text);
    const blank = (row) => row.length === 1 && row[0] === '';
    const firstBlank = csv.findIndex(blank);
    const answerRows = csv.slice(1, firstBlank);
    const secondBlank = csv.findIndex((row, i) => i > firstBlank && blank(row));
    const summaryRows = csv.slice(firstBlank + 2, secondBlank);
    const liveStateLost = FAULTS.some((f) => f.liveStateLost);
    if (results.liveStateLost !== liveStateLost) fail(`results say liveStateLost ${results.liveStateLost}, expected ${liveStateLost}`);
    if (csv[secondBlank + 2]?.[0] !== String(liveStateLost)) fail(`the CSV says live_state_lost ${csv[secondBlank + 2]}`);
    let counted = 0;
    for (const phone of this.phones) {
      const nickname = phone.player.nickname;
      const rows = answerRows.filter((row) => row[0] === nickname);
      let points = 0;
      let answered = 0;
      for (let q = 0; q < FAULTS.length; q++) {
        const found = rows.filter((row) => row[1] === String(q + 1));
        if (found.length !== 1) {
          fail(`${nickname}, question ${q + 1}: ${found.length} CSV rows`);
          continue;
        }
        const [, , , answer, , rowPoints, responseMs] = found[0];
        points += Number(rowPoints || 0);
        const acked = phone.acked.get(q);
        if (acked) {
          answered++;
          counted++;
          const expected = acked.options.map((o) => OPTIONS[o]).join(' | ');
          if (answer !== expected) {
            // a lost answer the phone was told about is no longer in acked: this one it was not
            const why = answer === '' ? ' (lost, and the phone was never told)' : '';
            fail(`${nickname}, question ${q + 1} (${FAULTS[q].name}): acknowledged "${expected}", the CSV says "${answer}"${why}`);
          }
          else if (acked.responseMs !== null && responseMs !== String(acked.responseMs)) {
            fail(`${nickname}, question ${q + 1}: acknowledged after ${acked.responseMs} ms, the CSV says ${responseMs}`);
          }
        } else if (answer !== '') {
          fail(`${nickname}, question ${q + 1}: never acknowledged, yet the CSV holds "${answer}"`);
        }
      }
      const summary = summaryRows.filter((row) => row[0] === nickname);
      const standing = results.standings.filter((s) => s.nickname === nickname);
      if (summary.length !== 1 || standing.length !== 1) {
        fail(`${nickname}: ${summary.length} summary rows in the CSV, ${standing.length} standings in the results`);
        continue;
      }
      if (summary[0][2] !== String(points)) fail(`${nickname}: total ${summary[0][2]} in the CSV, its answer rows add up to ${points}`);
      if (standing[0].totalScore !== points) fail(`${nickname}: total ${standing[0].totalScore} in the results, the CSV's answers add up to ${points}`);
      if (standing[0].answeredCount !== answered) fail(`${nickname}: ${standing[0].answeredCount} answers in the results, ${answered} acknowledged`);
    }
    if (answerRows.length !== this.phones.length * FAULTS.length) fail(`${answerRows.length} answer rows in the CSV`);
    this.counted = counted;
  }
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------- report

function junit(cases, seconds) {
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
  const failed = cases.filter((c) => c.problems.length > 0).length;
  const body = cases.map((c) =>
    c.problems.length > 0
      ? `  <testcase classname="chaos" name="${esc(c.name)}"><failure message="${esc(c.problems.join('\n'))}"/></testcase>`
      : `  <testcase classname="chaos" name="${esc(c.name)}"/>`,
  );
  fs.mkdirSync(path.dirname(JUNIT), { recursive: true });
  fs.writeFileSync(
    JUNIT,
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="chaos" tests="${cases.length}" failures="${failed}" errors="0" skipped="0" time="${seconds}">\n${body.join('\n')}\n</testsuite>\n`,
  );
}

async function main() {
  const started = Date.now();
  const platform = new Platform({
    root,
    target,
    java: argument('--java', `${process.env.JAVA_HOME}/bin/java`),
    nginx: argument('--nginx', 'nginx'),
    gatewayDir: argument('--gateway-dir', path.join(target, 'gateway')),
    // ./vanguard's CHAOS_PORT, which also rendered the gateway
    ports: Object.fromEntries(argument('--ports', '').split(',').map((pair) => pair.split('=')).map(([k, v]) => [k, Number(v)])),
  });
  const cases = [];
  const lines = [];
  let setupError = null;
  try {
    console.log(`Starting the suite's own Redis (:${platform.ports.redis}), RabbitMQ node (:${platform.ports.rabbit}), services and gateway (:${platform.ports.gateway})`);
    await platform.start();
    console.log(`Platform up in ${Math.round((Date.now() - started) / 1000)} s`);
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`Round ${round}/${ROUNDS}: a game of ${PLAYERS} players, ${FAULTS.length} questions, one fault each`);
      const game = new Game(platform, round);
      try {
        await game.play();
      } catch (error) {
        game.fail(game.fault, `the game stopped: ${error.message}`);
      }
      for (const [name, problems] of game.problems) {
        const fault = FAULTS.find((f) => f.name === name);
        const deaf = fault ? game.deafReport(fault) : null;
        const label = ROUNDS > 1 ? `${name} (round ${round})` : name;
        if (deaf && fault.realtime && deaf.max > DEAF_GOAL_MS) game.notes.set(name, `deaf longer than the ${DEAF_GOAL_MS / 1000} s goal`);
        const detail = [deaf?.text, game.notes.get(name)].filter(Boolean).join('; ');
        lines.push(`${problems.length ? 'FAIL' : 'ok  '} ${label}${detail ? ` — ${detail}` : ''}`);
        problems.forEach((problem) => lines.push(`       ${problem}`));
        cases.push({ name: label, problems });
      }
      if (game.counted !== undefined) lines.push(`     ${game.counted} acknowledged answers found once each in the results and the CSV`);
    }
  } catch (error) {
    setupError = error;
    cases.push({ name: 'the platform starts', problems: [error.message] });
  } finally {
    await platform.stop({ keepBroker: KEEP_BROKER });
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(lines.join('\n'));
  if (setupError) console.log(`FAIL the platform starts: ${setupError.message}`);
  const failed = cases.filter((c) => c.problems.length > 0).length;
  console.log(`Fault suite: ${cases.length - failed} passed, ${failed} failed, in ${seconds} s (logs: chaos/target/logs/)`);
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, 'chaos-report.txt'), `${lines.join('\n')}\n${seconds} s\n`);
  junit(cases, seconds);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
