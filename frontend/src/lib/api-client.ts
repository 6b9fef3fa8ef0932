import { t, type MessageKey } from '../messages/catalogue';

/** An RFC 9457 problem detail as Vanguard's services send it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** Problem types (the last segment of `type`) with a message of our own. */
const PROBLEM_MESSAGES: Record<string, MessageKey> = {
  'lobby-locked': 'problem.lobbyLocked',
  'lobby-full': 'problem.lobbyFull',
  'wrong-join-pattern': 'problem.wrongJoinPattern',
  'join-pattern-required': 'problem.joinPatternRequired',
  kicked: 'problem.kicked',
  'rate-limited': 'problem.rateLimited',
  'nickname-taken': 'problem.nicknameTaken',
  'nickname-rejected': 'problem.nicknameRejected',
  'nickname-banned': 'problem.nicknameBanned',
  'not-found': 'problem.notFound',
  'invalid-session-state': 'problem.invalidSessionState',
  validation: 'problem.validation',
  unauthorized: 'problem.unauthorized',
  forbidden: 'problem.forbidden',
  internal: 'problem.internalError',
};

/** A request that failed: a problem from the server, or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  /** The last path segment of the problem's `type`, e.g. `nickname-taken`; `network` when unreachable. */
  readonly problemType: string;
  readonly problem: Problem;
  /** Field name → what is wrong with it, from a validation problem. */
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** Seconds to wait, from `Retry-After` (rate limits). */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: Problem, retryAfterSeconds: number | null) {
    const problemType = problem.type?.split('/').pop() || (status === 0 ? 'network' : 'about:blank');
    super(readableMessage(status, problemType, problem, retryAfterSeconds));
    this.name = 'ApiError';
    this.status = status;
    this.problemType = problemType;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
    const fields: Record<string, string> = {};
    for (const error of problem.errors ?? []) {
      if (error.field && !(error.field in fields)) fields[error.field] = error.message;
    }
    this.fieldErrors = fields;
  }
}

function readableMessage(status: number, problemType: string, problem: Problem, retryAfter: number | null): string {
  if (status === 0) return t('problem.network');
  if (problemType === 'rate-limited') return t('problem.rateLimited', { seconds: retryAfter ?? 10 });
  if (problemType === 'validation' && problem.errors?.length) return t('problem.validation');
  const key = PROBLEM_MESSAGES[problemType];
  // The server's detail says exactly what happened (e.g. the session's state); our own sentence
  // is for the cases where the detail is written for developers or missing.
  if (problemType === 'invalid-session-state' && problem.detail) return problem.detail;
  if (key) return t(key);
  if (problem.detail) return problem.detail;
  if (status >= 500) return t('problem.internalError');
  return problem.title ?? t('problem.unknown');
}

export interface ApiClientConfig {
  /** The host's in-memory access token, if any; sent as a bearer token. */
  accessToken?: () => string | null;
  /**
   * Called once when a request with a token answers 401; resolves true when a new token is
   * available (silent refresh), and the request is then sent again once.
   */
  onUnauthorized?: () => Promise<boolean>;
}

let config: ApiClientConfig = {};

export function configureApiClient(next: ApiClientConfig): void {
  config = next;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  body?: unknown;
  /** Send the host's bearer token (default true when one is configured). */
  auth?: boolean;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body,
    signal: options.signal,
    credentials: 'same-origin',
  });
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return (await response.json()) as Problem;
    } catch {
      // An unreadable body says no more than the status does.
    }
  }
  return { status: response.status, title: response.statusText };
}

function retryAfter(response: Response): number | null {
  const value = response.headers.get('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * Calls a Vanguard API path on the page's origin (the gateway) and returns its JSON body, or
 * undefined for 204. Failures throw an ApiError whose message a person can read.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const useAuth = options.auth ?? true;
  const token = useAuth ? (config.accessToken?.() ?? null) : null;
  let response: Response;
  try {
    response = await send(path, options, token);
    if (response.status === 401 && token && config.onUnauthorized && (await config.onUnauthorized())) {
      response = await send(path, options, config.accessToken?.() ?? null);
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, {}, null);
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response), retryAfter(response));
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) return (await response.json()) as T;
  return (await response.text()) as T;
}
