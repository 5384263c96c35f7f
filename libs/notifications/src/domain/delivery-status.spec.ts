import { deliveryJobId, isTerminal, statusAfterFailure } from './delivery-status';
import { isPermanentHttpStatus, signWebhook, verifyWebhook } from './webhook-signature';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

describe('delivery status', () => {
  it('a permanent failure stops at once; transient ones retry until the limit', () => {
    expect(statusAfterFailure({ permanent: true, attemptsMade: 1, maxAttempts: 8 })).toBe('permanent_failure');
    expect(statusAfterFailure({ permanent: false, attemptsMade: 1, maxAttempts: 8 })).toBe('failed_retrying');
    expect(statusAfterFailure({ permanent: false, attemptsMade: 8, maxAttempts: 8 })).toBe('permanent_failure');
  });
  it('terminal states and deterministic job ids', () => {
    expect(isTerminal('delivered')).toBe(true);
    expect(isTerminal('failed_retrying')).toBe(false);
    expect(deliveryJobId('42', 'email')).toBe('notification-42-email');
  });
});

describe('webhook signature', () => {
  it('HMAC-SHA256 over "timestamp.body", verified within the tolerance only', () => {
    const sig = signWebhook('s3cret', 1_800_000_000, '{"a":1}');
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret', { timestamp: '1800000000', signature: sig }, '{"a":1}', 1_800_000_010)).toBe(true);
    expect(verifyWebhook('s3cret', { timestamp: '1800000000', signature: sig }, '{"a":2}', 1_800_000_010)).toBe(false);
    expect(verifyWebhook('s3cret', { timestamp: '1800000000', signature: sig }, '{"a":1}', 1_800_001_000)).toBe(false);
  });
  it('4xx is permanent except 408 and 429; 5xx is not', () => {
    expect(isPermanentHttpStatus(400)).toBe(true);
    expect(isPermanentHttpStatus(410)).toBe(true);
    expect(isPermanentHttpStatus(429)).toBe(false);
    expect(isPermanentHttpStatus(408)).toBe(false);
    expect(isPermanentHttpStatus(503)).toBe(false);
  });
});

describe('unsubscribe token', () => {
  it('round-trips and refuses tampering or another key', () => {
    const t = signUnsubscribeToken('k1', { userId: 'u-1', eventType: '*' });
    expect(verifyUnsubscribeToken('k1', t)).toEqual({ userId: 'u-1', eventType: '*' });
    expect(verifyUnsubscribeToken('k2', t)).toBeNull();
    const forged = `${Buffer.from(JSON.stringify({ u: 'u-2', e: '*' })).toString('base64url')}.${t.split('.')[1]}`;
    expect(verifyUnsubscribeToken('k1', forged)).toBeNull();
    expect(verifyUnsubscribeToken('k1', 'garbage')).toBeNull();
  });
});
