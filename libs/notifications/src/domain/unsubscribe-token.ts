import { createHmac, timingSafeEqual } from 'node:crypto';

export interface UnsubscribeClaim {
  userId: string;
  /** An event type, or '*' for every email. */
  eventType: string;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/** A signed, non-expiring token for the link in every email (unsubscribing must work years later). */
export function signUnsubscribeToken(secret: string, claim: UnsubscribeClaim): string {
  const payload = b64(JSON.stringify({ u: claim.userId, e: claim.eventType }));
  return `${payload}.${b64(createHmac('sha256', secret).update(payload).digest())}`;
}

export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeClaim | null {
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; e?: unknown };
    if (typeof body.u !== 'string' || typeof body.e !== 'string') return null;
    return { userId: body.u, eventType: body.e };
  } catch {
    return null;
  }
}
