import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SIGNATURE_HEADER = 'x-kakawari-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-kakawari-timestamp';
export const WEBHOOK_EVENT_HEADER = 'x-kakawari-event';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`; timestamp in Unix seconds. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers (and tests): constant-time check, refusing timestamps older than `toleranceSec`. */
export function verifyWebhook(
  secret: string,
  header: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSec = Math.floor(Date.now() / 1000),
  toleranceSec = 300,
): boolean {
  const ts = Number(header.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSec - ts) > toleranceSec || !header.signature) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(header.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** 4xx (except 408 and 429) will not get better by retrying: a permanent failure. */
export function isPermanentHttpStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}
