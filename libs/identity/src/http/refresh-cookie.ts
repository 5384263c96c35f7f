import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';

/**
 * The web front end's refresh token lives in an httpOnly cookie instead of a script-readable
 * store. Browsers opt in per request with `X-Kakawari-Session: cookie` (login and refresh then
 * answer without `refreshToken` in the body and set the cookie instead); API clients keep sending
 * and receiving the token in JSON bodies exactly as before.
 *
 * CSRF: the cookie is `SameSite=Strict` (never attached to a request started by another site),
 * and the API only *reads* it when the request also carries the custom `X-Kakawari-Session`
 * header, which a cross-site form or `<img>` cannot send and a cross-origin `fetch` can only send
 * after a CORS preflight this API never approves. Both would have to fail for a forged refresh
 * to happen — and even then the answer (a new access token) goes to the forging page's origin,
 * which the browser does not let it read.
 *
 * `Secure` (REFRESH_COOKIE_SECURE=auto) is set in production and whenever the request arrived over
 * HTTPS (X-Forwarded-Proto counts only with TRUST_PROXY); local development and the tests run over
 * plain http on 127.0.0.1, where a Secure cookie would be dropped. `always` and `never` override it
 * (`never` for an intranet that serves the platform over plain HTTP). It is a session cookie (no Max-Age) unless the user
 * chose 「ログインしたままにする」 (`remember`): closing the browser ends it, which suits shared office
 * PCs; the token itself still expires server-side after REFRESH_TOKEN_TTL_DAYS.
 */
export const REFRESH_COOKIE = 'kakawari_refresh';
/** Refresh and logout both need it; nothing outside /auth ever receives it. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
export const SESSION_HEADER = 'x-kakawari-session';

/** Whether the caller asked for the cookie transport (the web front end). */
export function wantsCookie(request: FastifyRequest): boolean {
  return String(request.headers[SESSION_HEADER] ?? '').toLowerCase() === 'cookie';
}

/** The refresh token from the cookie, only when the custom header is present too (see above). */
export function refreshTokenFromCookie(request: FastifyRequest): string | undefined {
  if (!wantsCookie(request)) return undefined;
  const value = request.cookies?.[REFRESH_COOKIE];
  return value && value.length >= 16 && value.length <= 200 ? value : undefined;
}

/** When the cookie is Secure: `auto` (in production or over HTTPS), `always` or `never`. */
export interface CookiePolicy {
  secure: 'auto' | 'always' | 'never';
  production: boolean;
}

export function isSecureCookie(protocol: string, policy: CookiePolicy): boolean {
  if (policy.secure === 'auto') return policy.production || protocol === 'https';
  return policy.secure === 'always';
}

/**
 * Sets the rotated refresh token. `keepSeconds` (the user chose 「ログインしたままにする」) makes it a
 * persistent cookie that outlives the browser session; otherwise it is a session cookie.
 */
export function setRefreshCookie(request: FastifyRequest, reply: FastifyReply, token: string, policy: CookiePolicy, keepSeconds?: number): void {
  reply.setCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecureCookie(request.protocol, policy),
    path: REFRESH_COOKIE_PATH,
    ...(keepSeconds ? { maxAge: keepSeconds } : {}),
  });
}

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply, policy: CookiePolicy): void {
  reply.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecureCookie(request.protocol, policy),
    path: REFRESH_COOKIE_PATH,
  });
}
