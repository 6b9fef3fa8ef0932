// A real Prometheus (Debian's) against the platform that ./vanguard up runs: ./vanguard test
// starts it before the end-to-end game and checks after it that every expression of every
// Grafana panel and every alert rule parses, and that every panel's query returns a series.
//
//   node live-metrics.js start [--ports 8081,8082,8083,8084]   Prometheus on a free port
//   node --experimental-websocket live-metrics.js game --base-url http://localhost:8080
//                                          a short game through the gateway (the demo host)
//   node live-metrics.js check [--junit <file>]                query, report, stop Prometheus
//   node live-metrics.js stop
//
// The scrape targets are the services' 127.0.0.1 ports with the jobs and `service` labels of
// deploy/prometheus/prometheus.yml, so the rules and dashboards read the same series.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const work = path.join(here, 'target/live-prometheus');
const stateFile = path.join(work, 'state.json');
const SERVICES = ['auth-service', 'quiz-service', 'session-service', 'realtime-service'];
// Grafana's variables, as an instant query over the end-to-end run sees them.
const GRAFANA_VARIABLES = { $__rate_interval: '1m', $__interval: '15s', $__range: '15m' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function argument(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function start() {
  const ports = argument('--ports', '8081,8082,8083,8084').split(',');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const jobs = SERVICES.map(
    (service, i) => `  - job_name: ${service}
    metrics_path: /actuator/prometheus
    static_configs:
      - targets: ["127.0.0.1:${ports[i]}"]
        labels: { service: ${service} }`,
  ).join('\n');
  fs.writeFileSync(
    path.join(work, 'prometheus.yml'),
    `global:\n  scrape_interval: 2s\n  evaluation_interval: 2s\nrule_files:\n  - ${root}/deploy/prometheus/rules/*.yml\nscrape_configs:\n${jobs}\n`,
  );
  const port = await freePort();
  const log = fs.openSync(path.join(work, 'prometheus.log'), 'a');
  const child = spawn(
    'prometheus',
    [
      `--config.file=${path.join(work, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(work, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1h',
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  child.unref();
  fs.writeFileSync(stateFile, JSON.stringify({ pid: child.pid, port }));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const targets = await api(port, '/api/v1/targets');
      const up = targets.activeTargets.filter((t) => t.health === 'up').length;
      if (up === SERVICES.length) {
        console.log(`Prometheus on 127.0.0.1:${port} scrapes ${up} services (pid ${child.pid})`);
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  stop();
  throw new Error(`Prometheus did not scrape every service within 30 s; see ${path.join(work, 'prometheus.log')}`);
}

// A short game through the gateway, as the demo host and three phones: a refused join, one
// question answered by everyone (after one answer to the wrong question, refused), which the
// server then closes, and the end.
async function game() {
  const base = argument('--base-url', 'http://localhost:8080');
  const call = async (method, url, token, body, expected) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const login = await call('POST', '/api/auth/login', null, { email: 'demo@vanguard.local', password: 'vanguard-demo-1' }, 200);
  const host = login.accessToken;
  const quizzes = await call('GET', '/api/quizzes?public=true', host, null, 200);
  const quiz = (quizzes.items ?? quizzes.content)[0];
  const session = await call('POST', '/api/sessions', host, { quizId: quiz.id }, 201);
  // Each phone proves its device with a secret of its own (docs/api/sessions.md, "Joining").
  const join = (nickname, expected) =>
    call('POST', `/api/sessions/pin/${session.pin}/players`, null, { nickname, deviceSecret: randomBytes(32).toString('base64url') }, expected);
  const players = [];
  for (const nickname of ['metrics-ada', 'metrics-bo', 'metrics-cy']) {
    players.push(await join(nickname, 201));
  }
  await join('METRICS-ADA', 409);

  const wsBase = base.replace(/^http/, 'ws');
  const sockets = await Promise.all(
    players.map(
      (player) =>
        new Promise((resolve, reject) => {
          const socket = new WebSocket(`${wsBase}/ws?token=${encodeURIComponent(player.token)}`);
          socket.frames = [];
          socket.onmessage = (event) => socket.frames.push(JSON.parse(event.data));
          socket.onopen = () => resolve(socket);
          socket.onerror = () => reject(new Error(`the socket of ${player.nickname} failed`));
        }),
    ),
  );
  const frame = async (socket, type) => {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const found = socket.frames.find((f) => f.type === type);
      if (found) return found;
      await sleep(50);
    }
    throw new Error(`no ${type} frame within 10 s; got ${socket.frames.map((f) => f.type + (f.code ? ` ${f.code}` : ''))}`);
  };
  // The question reaches a phone as a `question` frame, or inside its catch-up when the
  // catch-up was read after the question had started (the frame is then a duplicate by its
  // seq, docs/protocol.md): a fast start right after the sockets opened does that.
  const questionShown = async (socket) => {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const found = socket.frames.find((f) => f.type === 'question' || (f.type === 'catchup' && f.status === 'QUESTION'));
      if (found) return found;
      await sleep(50);
    }
    throw new Error(`no question within 10 s; got ${socket.frames.map((f) => f.type + (f.status ? ` ${f.status}` : ''))}`);
  };
  try {
    await call('POST', `/api/sessions/${session.id}/start`, host, null, 200);
    for (const [i, socket] of sockets.entries()) {
      const question = await questionShown(socket);
      const answer =
        question.question.type === 'TYPE_ANSWER'
          ? { type: 'answer', questionIndex: question.questionIndex, text: 'metrics' }
          : { type: 'answer', questionIndex: question.questionIndex, options: [0] };
      if (i === 0) {
        // Refused (WRONG_QUESTION): the rejected-answer series move.
        socket.send(JSON.stringify({ ...answer, questionIndex: question.questionIndex + 1 }));
      }
      socket.send(JSON.stringify(answer));
    }
    await Promise.all(sockets.map((socket) => frame(socket, 'answer_accepted')));
    // Everyone answered: the server closes the question by itself.
    await Promise.all(sockets.map((socket) => frame(socket, 'reveal')));
  } finally {
    await call('POST', `/api/sessions/${session.id}/end`, host, null, 200);
  }
  await Promise.all(sockets.map((socket) => frame(socket, 'session_ended')));
  sockets.forEach((socket) => socket.close());
  console.log(`Played session ${session.id} (PIN ${session.pin}) with ${players.length} players`);
}

async function api(port, pathAndQuery) {
  const response = await fetch(`http://127.0.0.1:${port}${pathAndQuery}`);
  const body = await response.json();
  if (body.status !== 'success') throw new Error(`${body.errorType}: ${body.error}`);
  return body.data;
}

function stop() {
  if (!fs.existsSync(stateFile)) return;
  const { pid } = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  fs.rmSync(stateFile);
}

function panelQueries() {
  const dir = path.join(root, 'deploy/grafana/dashboards');
  const queries = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const dashboard = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const panel of dashboard.panels) {
      for (const target of panel.targets ?? []) {
        const source = target.datasource?.type ?? panel.datasource?.type;
        if (source !== 'prometheus') continue; // the Loki panels need Docker's logs
        let expr = target.expr;
        for (const [variable, value] of Object.entries(GRAFANA_VARIABLES)) expr = expr.replaceAll(variable, value);
        queries.push({ name: `${dashboard.title} / ${panel.title} / ${target.refId}`, expr });
      }
    }
  }
  return queries;
}

async function check() {
  const { port } = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
  // Two more scrapes and a rule evaluation after the game.
  await sleep(5_000);
  const results = [];
  for (const q of panelQueries()) {
    try {
      const data = await api(port, `/api/v1/query?query=${encodeURIComponent(q.expr)}`);
      results.push({
        name: `panel ${q.name} returns a series`,
        problem: data.result.length ? null : `no series for ${q.expr}`,
      });
    } catch (error) {
      results.push({ name: `panel ${q.name} returns a series`, problem: `${error.message} in ${q.expr}` });
    }
  }
  const rules = await api(port, '/api/v1/rules');
  const loaded = rules.groups.flatMap((g) => g.rules);
  for (const rule of loaded) {
    let problem = rule.health === 'ok' ? null : `${rule.health}: ${rule.lastError}`;
    try {
      await api(port, `/api/v1/query?query=${encodeURIComponent(rule.query)}`);
    } catch (error) {
      problem = error.message;
    }
    results.push({ name: `alert ${rule.name} parses and evaluates`, problem });
  }
  if (loaded.length === 0) results.push({ name: 'the alert rules are loaded', problem: 'Prometheus loaded no rule' });
  stop();
  report(results, argument('--junit'));
  return results.every((r) => !r.problem);
}

function report(results, junit) {
  for (const r of results) {
    console.log(`${r.problem ? 'FAIL' : 'ok  '} ${r.name}`);
    if (r.problem) console.log(`       ${r.problem}`);
  }
  const failed = results.filter((r) => r.problem).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  if (!junit) return;
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const cases = results.map((r) =>
    r.problem
      ? `  <testcase classname="deploy.live-metrics" name="${esc(r.name)}"><failure message="${esc(r.problem)}"/></testcase>`
      : `  <testcase classname="deploy.live-metrics" name="${esc(r.name)}"/>`,
  );
  fs.mkdirSync(path.dirname(junit), { recursive: true });
  fs.writeFileSync(
    junit,
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="deploy.live-metrics" tests="${results.length}" failures="${failed}" errors="0" skipped="0">\n${cases.join('\n')}\n</testsuite>\n`,
  );
}

const command = process.argv[2];
try {
  if (command === 'start') await start();
  else if (command === 'game') await game();
  else if (command === 'check') process.exitCode = (await check()) ? 0 : 1;
  else if (command === 'stop') stop();
  else {
    console.error('usage: node live-metrics.js start [--ports …] | game [--base-url …] | check [--junit <file>] | stop');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`live-metrics: ${error.message}`);
  process.exitCode = 1;
}
