import { parseServerFrame, type ClientFrame, type ServerFrame } from './frames';

/** Why the server ended the connection for good (docs/protocol.md, close codes). */
export type EndReason =
  | 'session-over'
  | 'kicked'
  | 'replaced'
  | 'forbidden'
  | 'unauthorised'
  | 'unknown-session'
  | 'client-error';

/** What the client does after a close, by close code. */
export type ClosePolicy =
  | { kind: 'reconnect'; delay: 'now' | 'back-off' | 'pause' }
  | { kind: 'retry-once'; afterMs: number; reason: EndReason }
  | { kind: 'renew-token' }
  | { kind: 'stop'; reason: EndReason };

export const PAUSE_AFTER_RATE_LIMIT_MS = 5_000;
/**
 * After 1001 (the instance is going away, another one is up) the phone reconnects at once,
 * at a random moment within this window: a room of phones that the same instance let go
 * does not reach the next instance in the same millisecond, and none waits long.
 */
export const GOING_AWAY_SPREAD_MS = 1_000;
export const RETRY_UNKNOWN_SESSION_MS = 1_000;

/** The close-code table of docs/protocol.md; codes it does not list are network trouble. */
export function closePolicy(code: number): ClosePolicy {
  switch (code) {
    case 1001:
      return { kind: 'reconnect', delay: 'now' };
    case 1009:
    case 4400:
      return { kind: 'stop', reason: 'client-error' };
    case 4000:
      return { kind: 'stop', reason: 'session-over' };
    case 4401:
      return { kind: 'renew-token' };
    case 4403:
      return { kind: 'stop', reason: 'forbidden' };
    case 4404:
      return { kind: 'retry-once', afterMs: RETRY_UNKNOWN_SESSION_MS, reason: 'unknown-session' };
    case 4409:
      return { kind: 'stop', reason: 'replaced' };
    case 4410:
      return { kind: 'stop', reason: 'kicked' };
    case 4429:
      return { kind: 'reconnect', delay: 'pause' };
    default:
      // 1011, 1013, 4001, 4408 and an abnormal close (1006: the network went away).
      return { kind: 'reconnect', delay: 'back-off' };
  }
}

export interface BackOff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACK_OFF: BackOff = { baseMs: 500, maxMs: 15_000 };

/**
 * Exponential back-off with "equal jitter": half the capped exponential step, plus a random
 * share of the other half, so a room of phones that lost the same server do not all come back
 * in the same millisecond, yet none retries at once.
 */
export function backOffDelay(attempt: number, backOff: BackOff = DEFAULT_BACK_OFF, random: () => number = Math.random) {
  const step = Math.min(backOff.maxMs, backOff.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The part of the browser's WebSocket this client uses (the `ws` package's one fits too). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

const OPEN = 1;

export type ConnectionState =
  | { status: 'connecting'; attempt: number }
  | { status: 'open' }
  | { status: 'waiting'; attempt: number; retryInMs: number; lastCloseCode: number }
  | { status: 'ended'; reason: EndReason; closeCode: number };

export interface GameSocketOptions {
  /** The URL to open, asked again on every attempt (a host token may have been refreshed). */
  url: () => string | Promise<string>;
  onFrame: (frame: ServerFrame) => void;
  onState?: (state: ConnectionState) => void;
  /** Whether a 4401 may be answered with a new token (the host can refresh; a player cannot). */
  canRenewToken?: boolean;
  backOff?: BackOff;
  random?: () => number;
  now?: () => number;
  createSocket?: (url: string) => SocketLike;
  /**
   * How often to ping the server. A dead network often closes nothing on the phone's side, so
   * a connection that hears nothing for HEARTBEAT_MISSES pings is taken for lost.
   */
  heartbeatMs?: number;
}

export const DEFAULT_HEARTBEAT_MS = 15_000;
export const HEARTBEAT_MISSES = 2.5;

/**
 * One game connection: reconnects as docs/protocol.md's close codes say, and keeps the offset
 * between the server's clock and this device's from the frames' `serverTime` (and a ping on
 * every open, whose round trip makes the estimate tighter).
 */
export class GameSocket {
  private socket: SocketLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private retriedUnknownSession = false;
  private renewedToken = false;
  private stopped = false;
  private pingSentAt: number | null = null;
  private offsetMs = 0;
  private bestRoundTripMs = Number.POSITIVE_INFINITY;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private lastHeardAt = 0;
  private state: ConnectionState = { status: 'connecting', attempt: 0 };
  private readonly options: GameSocketOptions;
  private readonly now: () => number;

  constructor(options: GameSocketOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** Server clock minus this device's clock, in milliseconds. */
  get clockOffsetMs(): number {
    return this.offsetMs;
  }

  /** The server's clock now, as best known. */
  serverNow(): number {
    return this.now() + this.offsetMs;
  }

  get connection(): ConnectionState {
    return this.state;
  }

  start(): void {
    this.stopped = false;
    void this.open();
  }

  /** Closes for good (the screen went away); no reconnect. */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.detach(1000);
  }

  /**
   * The network is gone (the device said so, or the server fell silent): drop the socket now
   * instead of waiting for the operating system to notice, and reconnect as after a drop.
   */
  networkLost(): void {
    if (this.stopped || !this.socket) return;
    this.detach(1000);
    this.onClosed(1006);
  }

  private detach(code: number) {
    this.stopHeartbeat();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = null;
      socket.onclose = null;
      socket.onmessage = null;
      try {
        socket.close(code, 'bye');
      } catch {
        // Closing a socket that never opened can throw; it is dropped either way.
      }
    }
  }

  private startHeartbeat() {
    this.stopHeartbeat();
    const every = this.options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.lastHeardAt = this.now();
    this.heartbeat = setInterval(() => {
      if (this.now() - this.lastHeardAt > every * HEARTBEAT_MISSES) {
        this.networkLost();
        return;
      }
      this.pingSentAt = this.now();
      this.send({ type: 'ping' });
    }, every);
  }

  private stopHeartbeat() {
    if (this.heartbeat !== null) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  /** Sends a frame if the socket is open; false when it is not (the caller may say so). */
  send(frame: ClientFrame): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /**
   * Reconnects now if the connection is waiting to retry (the network came back, the screen
   * was unlocked); does nothing when open or ended.
   */
  wake(): void {
    if (this.stopped || this.state.status !== 'waiting') return;
    this.clearTimer();
    void this.open();
  }

  private setState(state: ConnectionState) {
    this.state = state;
    this.options.onState?.(state);
  }

  private clearTimer() {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private async open() {
    if (this.stopped) return;
    this.setState({ status: 'connecting', attempt: this.attempt });
    let url: string;
    try {
      url = await this.options.url();
    } catch {
      this.scheduleReconnect(backOffDelay(this.attempt++, this.options.backOff, this.options.random), 0);
      return;
    }
    if (this.stopped) return;
    const socket = this.options.createSocket ? this.options.createSocket(url) : (new WebSocket(url) as unknown as SocketLike);
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.setState({ status: 'open' });
      this.pingSentAt = this.now();
      this.send({ type: 'ping' });
      this.startHeartbeat();
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      this.lastHeardAt = this.now();
      const frame = parseServerFrame(event.data);
      if (!frame) return;
      this.observeClock(frame);
      if (frame.type === 'catchup') {
        // A catch-up means the server knows us and the session: the connection works.
        this.attempt = 0;
        this.retriedUnknownSession = false;
        this.renewedToken = false;
      }
      this.options.onFrame(frame);
    };
    socket.onerror = () => {
      // Always followed by a close, which decides what happens next.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopHeartbeat();
      this.onClosed(event.code);
    };
  }

  private observeClock(frame: ServerFrame) {
    const receivedAt = this.now();
    if (frame.type === 'pong' && this.pingSentAt !== null) {
      const roundTrip = receivedAt - this.pingSentAt;
      this.pingSentAt = null;
      if (roundTrip <= this.bestRoundTripMs) {
        this.bestRoundTripMs = roundTrip;
        this.offsetMs = frame.serverTime + roundTrip / 2 - receivedAt;
      }
      return;
    }
    if ((frame.type === 'catchup' || frame.type === 'question') && !Number.isFinite(this.bestRoundTripMs)) {
      // No round trip measured yet: the one-way estimate is better than none.
      this.offsetMs = frame.serverTime - receivedAt;
    }
  }

  private onClosed(code: number) {
    if (this.stopped) return;
    const policy = closePolicy(code);
    switch (policy.kind) {
      case 'stop':
        this.end(policy.reason, code);
        return;
      case 'renew-token':
        if (this.options.canRenewToken && !this.renewedToken) {
          this.renewedToken = true;
          this.scheduleReconnect(0, code);
        } else {
          this.end('unauthorised', code);
        }
        return;
      case 'retry-once':
        if (this.retriedUnknownSession) {
          this.end(policy.reason, code);
        } else {
          this.retriedUnknownSession = true;
          this.scheduleReconnect(policy.afterMs, code);
        }
        return;
      case 'reconnect': {
        const delay =
          policy.delay === 'now'
            ? Math.round((this.options.random ?? Math.random)() * GOING_AWAY_SPREAD_MS)
            : policy.delay === 'pause'
              ? PAUSE_AFTER_RATE_LIMIT_MS
              : backOffDelay(this.attempt, this.options.backOff, this.options.random);
        this.attempt++;
        this.scheduleReconnect(delay, code);
        return;
      }
    }
  }

  private end(reason: EndReason, code: number) {
    this.stopped = true;
    this.setState({ status: 'ended', reason, closeCode: code });
  }

  private scheduleReconnect(delayMs: number, code: number) {
    this.clearTimer();
    this.setState({ status: 'waiting', attempt: this.attempt, retryInMs: delayMs, lastCloseCode: code });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.open();
    }, delayMs);
  }
}

/** `ws://` or `wss://` on the page's own origin (the gateway). */
export function gatewaySocketUrl(query: Record<string, string>): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/ws?${new URLSearchParams(query).toString()}`;
}
