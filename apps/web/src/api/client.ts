import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, toProblem } from './problem';

/**
 * Token handling. The API returns tokens in JSON bodies, so the access token is kept in memory
 * only, and the rotating refresh token in sessionStorage (cleared when the tab closes) so a reload
 * keeps the session. Known limitation: sessionStorage is readable by scripts on this origin; the
 * fix is an httpOnly, SameSite=Strict refresh cookie set by the API (/auth/refresh reading it).
 */
const REFRESH_KEY = 'kakawari.refresh';
let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
let language: 'ja' | 'en' = 'ja';
const listeners = new Set<() => void>();

export function setLanguage(lang: 'ja' | 'en'): void {
  language = lang;
}

export function hasSession(): boolean {
  return accessToken !== null || readRefresh() !== null;
}

function readRefresh(): string | null {
  try {
    return sessionStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

export function setTokens(tokens: { accessToken: string; refreshToken: string } | null): void {
  accessToken = tokens?.accessToken ?? null;
  try {
    if (tokens) sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
    else sessionStorage.removeItem(REFRESH_KEY);
  } catch {
    // storage disabled: the session lasts until reload
  }
  if (!tokens) listeners.forEach((l) => l());
}

/** Called when the session ends without the user asking (refresh failed). */
export function onSessionLost(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Exchanges the stored refresh token for a new pair; concurrent callers share one request. */
export function refreshSession(): Promise<boolean> {
  const token = readRefresh();
  if (!token) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': language },
        body: JSON.stringify({ refreshToken: token }),
      });
      if (!res.ok) {
        setTokens(null);
        return false;
      }
      const body = (await res.json()) as { accessToken: string; refreshToken: string };
      setTokens(body);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function decorate(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set('accept-language', language);
  if (accessToken && !headers.has('authorization')) headers.set('authorization', `Bearer ${accessToken}`);
  return new Request(request, { headers });
}

/** Adds the bearer token and language; on a 401, refreshes once and retries once. */
async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const isAuthCall = new URL(input.url, location.origin).pathname.startsWith('/api/v1/auth/');
  const res = await fetch(decorate(input));
  if (res.status !== 401 || isAuthCall || !readRefresh()) return res;
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
