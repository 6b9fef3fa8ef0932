// The fault suite's own platform: its own Redis, its own RabbitMQ node, its own PostgreSQL
// databases on the shared server, the four services (realtime-service twice) on ports of its
// own, and its own nginx gateway. The suite stops, kills and empties these, never the shared
// PostgreSQL, Redis or RabbitMQ that other tests use at the same time.
import { spawn, execFile, execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const RABBIT_BIN = '/usr/lib/rabbitmq/bin';

/**
 * Runs a command-line tool without blocking: the phones live in this process, and a tool run
 * synchronously (rabbitmqctl takes seconds) would hold every frame and every answer timer
 * meanwhile, so the suite would measure its own stall as the platform's.
 */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8', ...(env ? { env } : {}) }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr }));
      else resolve(stdout);
    });
  });
}

export class Platform {
  constructor({ root, target, java, nginx, gatewayDir, ports }) {
    this.root = root;
    this.target = target;
    this.java = java;
    this.nginx = nginx;
    this.gatewayDir = gatewayDir;
    this.logs = path.join(target, 'logs');
    /** gateway, auth-service, quiz-service, session-service, realtime-a, realtime-b, redis, rabbit */
    this.ports = ports;
    this.databases = { auth: 'vanguard_chaos_auth', quiz: 'vanguard_chaos_quiz', session: 'vanguard_chaos_session' };
    this.rabbitNode = 'vanguard-chaos@localhost';
    this.children = new Map();
    this.playerKey = pem();
    this.authKey = pem();
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.ports.gateway}`;
  }

  // ------------------------------------------------------------------ lifecycle

  async start() {
    fs.mkdirSync(this.logs, { recursive: true });
    await this.createDatabases();
    this.startRedis({ empty: true });
    await this.startRabbit();
    this.startGateway();
    for (const name of ['auth-service', 'quiz-service', 'session-service', 'realtime-a', 'realtime-b']) {
      this.startService(name);
    }
    await Promise.all(
      ['auth-service', 'quiz-service', 'session-service', 'realtime-a', 'realtime-b'].map((name) => this.awaitHealthy(name)),
    );
  }

  async stop({ keepBroker = false } = {}) {
    for (const [name, child] of this.children) {
      if (child.exitCode === null && child.signalCode === null) child.kill(name === 'gateway' ? 'SIGTERM' : 'SIGKILL');
    }
    this.children.clear();
    if (!keepBroker) {
      try {
        await this.rabbitctl('stop');
      } catch {
        // not running
      }
    }
    await this.dropDatabases();
  }

  // ------------------------------------------------------------------ PostgreSQL

  psql(sql) {
    return run('psql', ['-h', '127.0.0.1', '-p', '5432', '-U', 'postgres', '-d', 'postgres', '-tAqc', sql]);
  }

  async createDatabases() {
    await this.dropDatabases();
    for (const db of Object.values(this.databases)) await this.psql(`CREATE DATABASE ${db}`);
  }

  async dropDatabases() {
    for (const db of Object.values(this.databases)) await this.psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }

  /** Ends every backend of the suite's own databases (never another database's). */
  async terminateBackends() {
    const names = Object.values(this.databases)
      .map((db) => `'${db}'`)
      .join(',');
    return Number(
      (await this.psql(
        `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname IN (${names}) AND pid <> pg_backend_pid()`,
      )).trim(),
    );
  }

  // ------------------------------------------------------------------ Redis

  get redisDir() {
    return path.join(this.target, 'redis');
  }

  /** Redis as the platform runs it: an append-only file fsynced every second, no snapshots. */
  startRedis({ empty }) {
    if (empty) fs.rmSync(this.redisDir, { recursive: true, force: true });
    fs.mkdirSync(this.redisDir, { recursive: true });
    this.spawn('redis', 'redis-server', [
      '--port', String(this.ports.redis), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'everysec',
      '--save', '', '--dir', this.redisDir, '--protected-mode', 'no',
    ]);
  }

  async redis(...args) {
    return (await run('redis-cli', ['-p', String(this.ports.redis), ...args])).trim();
  }

  async awaitRedis() {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await this.redis('PING')) === 'PONG') return;
      } catch {
        // starting
      }
      await sleep(100);
    }
    throw new Error('the suite\'s Redis did not answer within 10 s');
  }

  /** SIGKILL, then a new Redis: with its append-only file, or with none (empty). */
  async restartRedis({ empty }) {
    await this.kill('redis', 'SIGKILL');
    this.startRedis({ empty });
    await this.awaitRedis();
  }

  // ------------------------------------------------------------------ RabbitMQ

  rabbitEnv() {
    const dir = path.join(this.target, 'rabbit');
    return {
      ...process.env,
      HOME: path.join(dir, 'home'),
      RABBITMQ_NODENAME: this.rabbitNode,
      RABBITMQ_NODE_PORT: String(this.ports.rabbit),
      RABBITMQ_DIST_PORT: String(this.ports.rabbit + 20000),
      RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
      RABBITMQ_LOG_BASE: path.join(dir, 'log'),
      RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
      RABBITMQ_PID_FILE: path.join(dir, 'pid'),
      RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq'),
    };
  }

  rabbitctl(...args) {
    return run(path.join(RABBIT_BIN, 'rabbitmqctl'), ['-n', this.rabbitNode, ...args], this.rabbitEnv());
  }

  async startRabbit() {
    const env = this.rabbitEnv();
    const dir = path.join(this.target, 'rabbit');
    try {
      // A node left by an earlier run (--keep-broker) is emptied and reused: a boot takes a minute.
      await this.rabbitctl('status');
      await this.rabbitctl('stop_app');
      await this.rabbitctl('reset');
      await this.rabbitctl('start_app');
      await this.awaitRabbit(60);
      return;
    } catch {
      // not running
    }
    fs.rmSync(dir, { recursive: true, force: true });
    for (const sub of ['home', 'mnesia', 'log']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    // The node shares the machine's Erlang cookie (rabbitmqctl speaks to it with that cookie).
    const cookie = ['/var/lib/rabbitmq/.erlang.cookie', path.join(process.env.HOME ?? '/root', '.erlang.cookie')].find(
      (file) => fs.existsSync(file),
    );
    if (cookie) {
      fs.copyFileSync(cookie, path.join(env.HOME, '.erlang.cookie'));
      fs.chmodSync(path.join(env.HOME, '.erlang.cookie'), 0o400);
    }
    // No plugins: the management plugin would take the shared node's port.
    fs.writeFileSync(env.RABBITMQ_ENABLED_PLUGINS_FILE, '');
    execFileSync(path.join(RABBIT_BIN, 'rabbitmq-server'), ['-detached'], { env, stdio: 'ignore' });
    await this.awaitRabbit(180);
  }

  async awaitRabbit(seconds) {
    for (let i = 0; i < seconds * 2; i++) {
      try {
        await this.rabbitctl('await_startup', '--timeout', '5');
        return;
      } catch {
        await sleep(500);
      }
    }
    throw new Error(`the suite's RabbitMQ node did not start within ${seconds} s`);
  }

  closeRabbitConnections() {
    return this.rabbitctl('close_all_connections', 'chaos: every connection closed');
  }

  /** Stops the broker (the RabbitMQ application; the Erlang node stays for rabbitmqctl). */
  stopBroker() {
    return this.rabbitctl('stop_app');
  }

  async startBroker() {
    await this.rabbitctl('start_app');
    await this.awaitRabbit(60);
  }

  // ------------------------------------------------------------------ gateway

  startGateway() {
    fs.mkdirSync(path.join(this.gatewayDir, 'temp'), { recursive: true });
    fs.mkdirSync(path.join(this.gatewayDir, 'logs'), { recursive: true });
    this.spawn('gateway', this.nginx, [
      '-p', `${this.gatewayDir}/`, '-c', path.join(this.gatewayDir, 'nginx.conf'), '-e', path.join(this.logs, 'gateway.log'),
      '-g', `daemon off; pid ${path.join(this.gatewayDir, 'nginx.pid')}; user root;`,
    ]);
  }

  // ------------------------------------------------------------------ services

  jar(service) {
    return path.join(this.target, 'jars', `${service}.jar`);
  }

  serviceEnv(name) {
    const p = this.ports;
    const authJwks = `http://127.0.0.1:${p['auth-service']}/.well-known/jwks.json`;
    const sessionJwks = `http://127.0.0.1:${p['session-service']}/api/sessions/.well-known/jwks.json`;
    const origins = `http://127.0.0.1:${p.gateway},http://localhost:${p.gateway}`;
    switch (name) {
      case 'auth-service':
        return {
          PORT: p[name], VANGUARD_AUTH_DB_URL: `jdbc:postgresql://127.0.0.1:5432/${this.databases.auth}`,
          VANGUARD_AUTH_SIGNING_KEY: this.authKey, VANGUARD_DEMO: 'false', VANGUARD_AUTH_ALLOWED_ORIGINS: origins,
        };
      case 'quiz-service':
        return {
          PORT: p[name], VANGUARD_QUIZ_DB_URL: `jdbc:postgresql://127.0.0.1:5432/${this.databases.quiz}`,
          VANGUARD_AUTH_JWKS_URI: authJwks, VANGUARD_SESSION_JWKS_URI: sessionJwks, VANGUARD_DEMO_ENABLED: 'false',
        };
      case 'session-service':
        return {
          PORT: p[name], VANGUARD_SESSION_DB_URL: `jdbc:postgresql://127.0.0.1:5432/${this.databases.session}`,
          VANGUARD_REDIS_PORT: p.redis, VANGUARD_RABBIT_PORT: p.rabbit, VANGUARD_AUTH_JWKS_URI: authJwks,
          VANGUARD_QUIZ_BASE_URL: `http://127.0.0.1:${p['quiz-service']}`, VANGUARD_PLAYER_TOKEN_KEY: this.playerKey,
        };
      default:
        return {
          PORT: p[name], REDIS_PORT: p.redis, RABBITMQ_PORT: p.rabbit, VANGUARD_INSTANCE_ID: `chaos-${name}`,
          VANGUARD_AUTH_JWKS_URI: authJwks, VANGUARD_SESSION_JWKS_URI: sessionJwks, VANGUARD_ALLOWED_ORIGINS: origins,
        };
    }
  }

  startService(name) {
    const service = name.startsWith('realtime') ? 'realtime-service' : name;
    const options = (process.env.CHAOS_JAVA_OPTS ?? '-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1').split(/\s+/);
    // A class-data archive made by the first start makes every restart under a fault quicker.
    const archive = `-XX:SharedArchiveFile=${path.join(this.target, 'jars', `${service}.jsa`)}`;
    this.spawn(name, this.java, [...options, '-XX:+AutoCreateSharedArchive', archive, '-jar', this.jar(service)], this.serviceEnv(name));
  }

  async awaitHealthy(name, seconds = Number(process.env.CHAOS_START_TIMEOUT ?? 600)) {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      const child = this.children.get(name);
      if (!child || child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${name} stopped during start-up; see ${path.join(this.logs, `${name}.log`)}`);
      }
      try {
        const response = await fetch(`http://127.0.0.1:${this.ports[name]}/actuator/health`);
        if ((await response.json()).status === 'UP') return;
      } catch {
        // starting
      }
      await sleep(250);
    }
    throw new Error(`${name} did not report UP within ${seconds} s; see ${path.join(this.logs, `${name}.log`)}`);
  }

  async restartService(name) {
    this.startService(name);
    await this.awaitHealthy(name);
  }

  // ------------------------------------------------------------------ processes

  spawn(name, command, args, env = {}) {
    const log = fs.openSync(path.join(this.logs, `${name}.log`), 'a');
    fs.writeSync(log, `\n===== ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, {
      cwd: this.root,
      env: { ...process.env, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    this.children.set(name, child);
    return child;
  }

  /** Sends the signal to the process, by its id, and waits until it has exited. */
  async kill(name, signal) {
    const child = this.children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} is not running`);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

function pem() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
}
