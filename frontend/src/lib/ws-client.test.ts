// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { ServerFrame } from './frames';
import { backOffDelay, closePolicy, GameSocket, type ConnectionState, type SocketLike } from './ws-client';

/** A real WebSocket server on a free port; each test says what it does with a connection. */
let server: WebSocketServer;
let port: number;
let connections: { socket: ServerSocket; url: string; received: string[] }[];
let onConnection: (socket: ServerSocket, index: number) => void;

beforeEach(async () => {
  connections = [];
  onConnection = () => undefined;
  server = new WebSocketServer({ port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  port = (server.address() as { port: number }).port;
  server.on('connection', (socket, request) => {
    const connection = { socket, url: request.url ?? '', received: [] as string[] };
    connections.push(connection);
    socket.on('message', (data) => connection.received.push(data.toString()));
    onConnection(socket, connections.length - 1);
  });
});

afterEach(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const catchup = (seq: number) =>
  JSON.stringify({ type: 'catchup', seq, serverTime: Date.now() + 60_000, sessionId: 's', role: 'PLAYER', status: 'LOBBY', title: 'T', questionCount: 1, questionIndex: -1, playerCount: 1 });

function client(options: { token?: () => string; canRenewToken?: boolean; heartbeatMs?: number; random?: () => number } = {}) {
  const frames: ServerFrame[] = [];
  const states: ConnectionState[] = [];
  const socket = new GameSocket({
    url: () => `ws://127.0.0.1:${port}/ws?token=${options.token?.() ?? 't'}`,
    onFrame: (frame) => frames.push(frame),
    onState: (state) => states.push(state),
    canRenewToken: options.canRenewToken ?? false,
    backOff: { baseMs: 20, maxMs: 80 },
    random: options.random,
    heartbeatMs: options.heartbeatMs ?? 60_000,
    createSocket: (url) => new NodeWebSocket(url) as unknown as SocketLike,
  });
  return { socket, frames, states };
}

describe('GameSocket against a real WebSocket server', () => {
  it('delivers parsed frames and learns the server clock from a ping', async () => {
    onConnection = (socket) => {
      socket.on('message', (data) => {
        if (JSON.parse(data.toString()).type === 'ping') socket.send(JSON.stringify({ type: 'pong', seq: 1, serverTime: Date.now() + 60_000 }));
      });
      socket.send(catchup(1));
      socket.send('not json');
      socket.send(JSON.stringify({ type: 'mystery', seq: 1 }));
    };
    const { socket, frames } = client();
    socket.start();
    await vi.waitFor(() => expect(frames.map((f) => f.type)).toEqual(['catchup', 'pong']));
    expect(connections[0]?.received.map((r) => JSON.parse(r).type)).toContain('ping');
    expect(socket.clockOffsetMs).toBeGreaterThan(59_000);
    expect(socket.clockOffsetMs).toBeLessThan(61_000);
    expect(socket.send({ type: 'answer', questionIndex: 0, options: [1] })).toBe(true);
    await vi.waitFor(() => expect(connections[0]?.received).toContain('{"type":"answer","questionIndex":0,"options":[1]}'));
    socket.stop();
  });

  it('reconnects with back-off after the network drops, and the catch-up arrives again', async () => {
    onConnection = (socket, index) => {
      socket.send(catchup(index + 1));
      if (index < 2) setTimeout(() => socket.terminate(), 10);
    };
    const { socket, frames, states } = client();
    socket.start();
    await vi.waitFor(() => expect(frames.filter((f) => f.type === 'catchup')).toHaveLength(3));
    const waits = states.filter((s): s is Extract<ConnectionState, { status: 'waiting' }> => s.status === 'waiting');
    expect(waits).toHaveLength(2);
    expect(waits.every((w) => w.lastCloseCode === 1006 && w.retryInMs >= 10 && w.retryInMs <= 80)).toBe(true);
    expect(socket.connection.status).toBe('open');
    socket.stop();
  });

  it.each([
    [4410, 'kicked'],
    [4000, 'session-over'],
    [4409, 'replaced'],
    [4403, 'forbidden'],
    [4400, 'client-error'],
  ] as const)('stops for good on close code %i (%s)', async (code, reason) => {
    onConnection = (socket) => socket.close(code, 'bye');
    const { socket, states } = client();
    socket.start();
    await vi.waitFor(() => expect(socket.connection).toEqual({ status: 'ended', reason, closeCode: code }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(connections).toHaveLength(1);
    expect(states.some((s) => s.status === 'waiting')).toBe(false);
  });

  it('reconnects at once, spread over a second, when the server goes away (1001) and with back-off for a slow consumer (4408)', async () => {
    onConnection = (socket, index) => {
      if (index === 0) socket.close(1001, 'going away');
      else if (index === 1) socket.close(4408, 'slow');
      else socket.send(catchup(3));
    };
    const { socket, frames, states } = client({ random: () => 0.25 });
    socket.start();
    await vi.waitFor(() => expect(frames).toHaveLength(1), { timeout: 3000 });
    const waits = states.filter((s): s is Extract<ConnectionState, { status: 'waiting' }> => s.status === 'waiting');
    // 1001: a quarter of the one-second window (random 0.25); 4408: the back-off's second
    // step (20 ms of its 40, plus a quarter of the other 20)
    expect(waits.map((w) => [w.lastCloseCode, w.retryInMs])).toEqual([
      [1001, 250],
      [4408, 25],
    ]);
    socket.stop();
  });

  it('retries an unknown session once after a second, then gives up', async () => {
    onConnection = (socket) => socket.close(4404, 'unknown session');
    const { socket } = client();
    socket.start();
    await vi.waitFor(() => expect(socket.connection.status).toBe('ended'), { timeout: 3000 });
    expect(socket.connection).toEqual({ status: 'ended', reason: 'unknown-session', closeCode: 4404 });
    expect(connections).toHaveLength(2);
  });

  it('asks for a new token once on 4401 when it can renew one, else stops', async () => {
    onConnection = (socket, index) => {
      if (connections[index]?.url.includes('token=old')) socket.close(4401, 'expired');
      else socket.send(catchup(1));
    };
    const tokens = ['old', 'fresh'];
    const host = client({ token: () => tokens.shift() ?? 'none', canRenewToken: true });
    host.socket.start();
    await vi.waitFor(() => expect(host.frames).toHaveLength(1));
    expect(connections.map((c) => c.url)).toEqual(['/ws?token=old', '/ws?token=fresh']);
    host.socket.stop();

    const player = client({ token: () => 'old' });
    player.socket.start();
    await vi.waitFor(() => expect(player.socket.connection).toMatchObject({ status: 'ended', reason: 'unauthorised' }));
  });

  it('pings the server and takes a silent one for a lost network', async () => {
    onConnection = (socket, index) => {
      socket.send(catchup(index + 1));
      // The first server goes silent (a dead network closes nothing); the second answers pings.
      if (index > 0) {
        socket.on('message', (data) => {
          if (JSON.parse(data.toString()).type === 'ping') socket.send(JSON.stringify({ type: 'pong', seq: 1, serverTime: Date.now() }));
        });
      }
    };
    const { socket, frames, states } = client({ heartbeatMs: 40 });
    socket.start();
    await vi.waitFor(() => expect(frames.filter((f) => f.type === 'catchup')).toHaveLength(2));
    expect(states.some((s) => s.status === 'waiting' && s.lastCloseCode === 1006)).toBe(true);
    await vi.waitFor(() => expect(connections[1]?.received.filter((r) => r.includes('ping')).length).toBeGreaterThan(3));
    expect(connections).toHaveLength(2);
    expect(socket.connection.status).toBe('open');
    socket.stop();
  });

  it('drops the socket at once when the device says the network is gone', async () => {
    onConnection = (socket, index) => socket.send(catchup(index + 1));
    const { socket, frames } = client();
    socket.start();
    await vi.waitFor(() => expect(frames).toHaveLength(1));
    socket.networkLost();
    expect(socket.connection).toMatchObject({ status: 'waiting', lastCloseCode: 1006 });
    await vi.waitFor(() => expect(frames).toHaveLength(2));
    socket.stop();
  });

  it('wakes a waiting connection at once (the phone came back online)', async () => {
    onConnection = (socket, index) => {
      if (index === 0) socket.close(4429, 'too many frames');
      else socket.send(catchup(1));
    };
    const { socket, frames } = client();
    socket.start();
    await vi.waitFor(() => expect(socket.connection).toMatchObject({ status: 'waiting', retryInMs: 5000 }));
    socket.wake();
    await vi.waitFor(() => expect(frames).toHaveLength(1), { timeout: 1000 });
    socket.stop();
  });
});

describe('backOffDelay', () => {
  it('doubles up to its cap, with jitter in the upper half of each step', () => {
    const backOff = { baseMs: 500, maxMs: 15_000 };
    expect([0, 1, 2, 3, 10].map((attempt) => backOffDelay(attempt, backOff, () => 0))).toEqual([250, 500, 1000, 2000, 7500]);
    expect([0, 1, 2, 3, 10].map((attempt) => backOffDelay(attempt, backOff, () => 1))).toEqual([500, 1000, 2000, 4000, 15_000]);
  });
});

describe('closePolicy', () => {
  it('maps every close code of the protocol', () => {
    expect(closePolicy(1001)).toEqual({ kind: 'reconnect', delay: 'now' });
    expect(closePolicy(1009)).toEqual({ kind: 'stop', reason: 'client-error' });
    expect(closePolicy(1011)).toEqual({ kind: 'reconnect', delay: 'back-off' });
    expect(closePolicy(1013)).toEqual({ kind: 'reconnect', delay: 'back-off' });
    expect(closePolicy(4000)).toEqual({ kind: 'stop', reason: 'session-over' });
    expect(closePolicy(4001)).toEqual({ kind: 'reconnect', delay: 'back-off' });
    expect(closePolicy(4400)).toEqual({ kind: 'stop', reason: 'client-error' });
    expect(closePolicy(4401)).toEqual({ kind: 'renew-token' });
    expect(closePolicy(4403)).toEqual({ kind: 'stop', reason: 'forbidden' });
    expect(closePolicy(4404)).toEqual({ kind: 'retry-once', afterMs: 1000, reason: 'unknown-session' });
    expect(closePolicy(4408)).toEqual({ kind: 'reconnect', delay: 'back-off' });
    expect(closePolicy(4409)).toEqual({ kind: 'stop', reason: 'replaced' });
    expect(closePolicy(4410)).toEqual({ kind: 'stop', reason: 'kicked' });
    expect(closePolicy(4429)).toEqual({ kind: 'reconnect', delay: 'pause' });
    expect(closePolicy(1006)).toEqual({ kind: 'reconnect', delay: 'back-off' });
  });
});
