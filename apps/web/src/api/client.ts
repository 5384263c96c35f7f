import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, toProblem } from './problem';

/**
 * Token handling. The access token is kept in memory only. The rotating refresh token never
 * reaches scripts: the API sets it as an httpOnly, SameSite=Strict cookie scoped to /api/v1/auth
 * when a request carries `X-Kakawari-Session: cookie` (sent on every /auth call below), and reads
 * it back on /auth/refresh and /auth/logout. A reload restores the session by calling refresh.
 *
 * Scripts only see a "signed in" hint (no secret). By default it lives in sessionStorage: only a
 * tab with the hint (or a reload of it) restores the session from the cookie, so a new tab starts
 * signed out — on a shared office PC, the next person opening the site does not land in the
 * previous person's session (the session cookie itself ends when the browser closes). With
 * 「ログインしたままにする」 (remember) the hint goes to localStorage and the API makes the cookie
 * persistent: every tab, and the browser after a restart, restores the session, and each refresh
 * asks for the persistent cookie again. The browser holds one cookie, though: if another tab signs
 * in as someone else, this tab's next refresh returns that person, and onIdentityChanged tells the
 * app to reload who is signed in.
 */
const HINT_KEY = 'kakawari.session';
const SESSION_HEADER = 'x-kakawari-session';
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
let language: 'ja' | 'en' = 'ja';
const listeners = new Set<() => void>();
const identityListeners = new Set<() => void>();
let currentSubject: string | null = null;

try {
  // The refresh token used to be kept here (before the cookie); drop any leftover.
  sessionStorage.removeItem('kakawari.refresh');
} catch {
  // storage disabled
}

export function setLanguage(lang: 'ja' | 'en'): void {
  language = lang;
}

/** Whether this browser keeps the session across tabs and restarts (「ログインしたままにする」). */
function remembered(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === 'remember';
  } catch {
    return false;
  }
}

/** Sets (`on`: true, with `remember` for every tab) or clears the hint; answers whether one is set. */
function hint(on?: boolean, remember = remembered()): boolean {
  try {
    if (on === true) {
      if (remember) localStorage.setItem(HINT_KEY, 'remember');
      else localStorage.removeItem(HINT_KEY);
      sessionStorage.setItem(HINT_KEY, '1');
    } else if (on === false) {
      localStorage.removeItem(HINT_KEY);
      sessionStorage.removeItem(HINT_KEY);
    }
    return sessionStorage.getItem(HINT_KEY) === '1' || remembered();
  } catch {
    return on ?? true;
  }
}

/** Whether a session may exist: an access token in memory, or a refresh cookie set earlier. */
export function hasSession(): boolean {
  return accessToken !== null || hint();
}

/**
 * After login (with the user's 「ログインしたままにする」 choice) or refresh (which keeps it): the new
 * access token (the refresh token went into the cookie).
 */
export function setTokens(tokens: { accessToken: string } | null, remember?: boolean): void {
  accessToken = tokens?.accessToken ?? null;
  hint(tokens !== null, remember);
  const subject = tokens ? subjectOf(tokens.accessToken) : null;
  const changed = currentSubject !== null && subject !== null && subject !== currentSubject;
  currentSubject = subject;
  if (!tokens) listeners.forEach((l) => l());
  else if (changed) identityListeners.forEach((l) => l());
}

/** The `sub` claim of an access token (read for display logic only; the API verifies tokens). */
function subjectOf(token: string): string | null {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return (JSON.parse(atob(part)) as { sub?: string }).sub ?? null;
  } catch {
    return null;
  }
}

/** Called when a refresh returned a different person (another tab signed in as someone else). */
export function onIdentityChanged(listener: () => void): () => void {
  identityListeners.add(listener);
  return () => identityListeners.delete(listener);
}

/** Called when the session ends without the user asking (refresh failed). */
export function onSessionLost(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function refreshOnce(): Promise<boolean> {
  try {
    const res = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'accept-language': language, [SESSION_HEADER]: 'cookie' },
      body: remembered() ? JSON.stringify({ remember: true }) : '{}',
    });
    if (!res.ok) {
      setTokens(null);
      return false;
    }
    setTokens((await res.json()) as { accessToken: string });
    return true;
  } catch {
    return false;
  }
}

/**
 * Exchanges the refresh cookie for a new access token; concurrent callers in this tab share one
 * request, and tabs take turns through a Web Lock so two tabs never present the same (rotating)
 * cookie at once — the API would treat the second as reuse and end the session.
 */
export function refreshSession(): Promise<boolean> {
  if (!hasSession()) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const locks = (navigator as Navigator & { locks?: { request<T>(name: string, cb: () => Promise<T>): Promise<T> } }).locks;
      return locks ? await locks.request('kakawari-refresh', refreshOnce) : await refreshOnce();
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Ends the session: revokes the refresh family and clears the cookie. */
export async function endSession(): Promise<void> {
  await fetch('/api/v1/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', [SESSION_HEADER]: 'cookie' },
    body: '{}',
  }).catch(() => undefined);
  setTokens(null);
}

function decorate(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set('accept-language', language);
  if (new URL(request.url, location.origin).pathname.startsWith('/api/v1/auth/')) headers.set(SESSION_HEADER, 'cookie');
  if (accessToken && !headers.has('authorization')) headers.set('authorization', `Bearer ${accessToken}`);
  return new Request(request, { headers });
}

/** Adds the bearer token and language; on a 401, refreshes once and retries once. */
async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const isAuthCall = new URL(input.url, location.origin).pathname.startsWith('/api/v1/auth/');
  const res = await fetch(decorate(input));
  if (res.status !== 401 || isAuthCall || !hasSession()) return res;
  if (!(await refreshSession())) return res;
  return fetch(decorate(retry));
}

export const api = createClient<paths>({ baseUrl: '', fetch: authFetch });

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem details. */
export async function unwrap<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await promise;
  } catch (e) {
    throw new ApiError(toProblem(e instanceof Error ? e.message : e, undefined));
  }
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(toProblem(result.error, result.response));
  }
  return result.data as T;
}

/**
 * GET for routes not yet in the committed openapi.json (the stats API is landing in parallel);
 * callers type the result through `ResponseOf<>` so it switches to the generated type once the
 * route appears in schema.d.ts.
 */
export async function getJson<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  let res: Response;
  try {
    res = await authFetch(new Request(`${path}${qs ? `?${qs}` : ''}`, { headers: { accept: 'application/json' } }));
  } catch (e) {
    throw new ApiError(toProblem(e instanceof Error ? e.message : e, undefined));
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(toProblem(body, res));
  return body as T;
}
