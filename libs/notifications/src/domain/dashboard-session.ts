import { createHmac, timingSafeEqual } from 'node:crypto';

/** Cookie of the queue dashboard: `<base64url {u, exp}>.<HMAC>` — only an admin can obtain one. */
export const DASHBOARD_COOKIE = 'kakawari_queues';

export function signDashboardSession(key: string, userId: string, expiresAt: Date): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, exp: Math.floor(expiresAt.getTime() / 1000) })).toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

export function verifyDashboardSession(key: string, token: string | undefined, now = new Date()): { userId: string } | null {
  if (!token) return null;
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  const expected = createHmac('sha256', key).update(payload).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; exp?: unknown };
    if (typeof body.u !== 'string' || typeof body.exp !== 'number' || body.exp * 1000 <= now.getTime()) return null;
    return { userId: body.u };
  } catch {
    return null;
  }
}

/** The value of one cookie in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}
