import { apiRequest, configureApiClient } from '../../lib/api-client';

export interface HostUser {
  id: string;
  email: string;
  displayName: string;
}

/** What sign-in and refresh answer (docs/api/auth.md). */
export interface TokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: HostUser;
}

export interface AuthSnapshot {
  user: HostUser | null;
  /** True until the first refresh after a page load has answered. */
  restoring: boolean;
}

/** Refresh this long before the access token expires, so a request never carries a dead one. */
export const REFRESH_MARGIN_MS = 60_000;
const LOCK_NAME = 'vanguard-refresh';

interface Dependencies {
  refresh: () => Promise<TokenResponse>;
  now: () => number;
  setTimer: (callback: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  /** Runs `task` while no other tab of this browser refreshes (the cookie rotates on every use). */
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
}

function browserExclusive<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request(LOCK_NAME, task) as Promise<T>) : task();
}

/**
 * The signed-in host. The access token lives in this object only (never in storage); the
 * refresh cookie (HttpOnly, Path=/api/auth) brings it back after a reload. One refresh runs at
 * a time, in this tab and across the browser's tabs: a refresh token is spent on use, and
 * presenting a spent one revokes the whole sign-in.
 */
export class AuthStore {
  private token: string | null = null;
  private expiresAt = 0;
  private snapshot: AuthSnapshot = { user: null, restoring: true };
  private inFlight: Promise<boolean> | null = null;
  private timer: unknown = null;
  private readonly listeners = new Set<() => void>();
  private readonly deps: Dependencies;

  constructor(deps: Partial<Dependencies> = {}) {
    this.deps = {
      refresh: () => apiRequest<TokenResponse>('/api/auth/refresh', { method: 'POST', auth: false }),
      now: Date.now,
      setTimer: (callback, ms) => setTimeout(callback, ms),
      clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
      exclusive: browserExclusive,
      ...deps,
    };
  }

  get accessToken(): string | null {
    return this.token;
  }

  getSnapshot = (): AuthSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Keeps a sign-in or refresh answer, and plans the next silent refresh before it expires. */
  accept(response: TokenResponse): void {
    this.token = response.accessToken;
    this.expiresAt = this.deps.now() + response.expiresIn * 1000;
    this.plan();
    this.publish({ user: response.user, restoring: false });
  }

  /** Forgets the host in this tab (after sign-out, or when the server refused a refresh). */
  clear(): void {
    this.token = null;
    this.expiresAt = 0;
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    this.publish({ user: null, restoring: false });
  }

  /**
   * Asks for a new access token with the refresh cookie; resolves whether the host is signed
   * in. Calls made while one refresh is under way share it.
   */
  refresh(): Promise<boolean> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.deps
      .exclusive(() => this.deps.refresh())
      .then(
        (response) => {
          this.accept(response);
          return true;
        },
        () => {
          this.clear();
          return false;
        },
      )
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** A token valid for at least a little while, refreshing first if needed; null when signed out. */
  async freshToken(): Promise<string | null> {
    if (this.token && this.deps.now() < this.expiresAt - REFRESH_MARGIN_MS / 2) return this.token;
    return (await this.refresh()) ? this.token : null;
  }

  private plan() {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    const delay = Math.max(0, this.expiresAt - this.deps.now() - REFRESH_MARGIN_MS);
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      void this.refresh();
    }, delay);
  }

  private publish(snapshot: AuthSnapshot) {
    this.snapshot = snapshot;
    this.listeners.forEach((listener) => listener());
  }
}

/** The page's one host sign-in, wired into the REST client when the host app loads. */
export const authStore = new AuthStore();

configureApiClient({
  accessToken: () => authStore.accessToken,
  onUnauthorized: () => authStore.refresh(),
});
