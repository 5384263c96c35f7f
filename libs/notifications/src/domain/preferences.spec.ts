import { DEFAULT_PREFERENCES, planUserDeliveries } from './preferences';

const now = new Date('2026-05-01T14:30:00Z'); // 23:30 JST
const base = { prefs: DEFAULT_PREFERENCES, eventType: 'application.accepted' as const, urgency: 'normal' as const, now, recentCount: 0, rateCap: 10 };

describe('planUserDeliveries', () => {
  it('in-app and email by default, both now', () => {
    expect(planUserDeliveries(base)).toEqual([
      { channel: 'in_app', status: 'created', notBefore: now },
      { channel: 'email', status: 'created', notBefore: now },
    ]);
  });
  it('no email when turned off for the type or unsubscribed from all', () => {
    expect(planUserDeliveries({ ...base, prefs: { ...DEFAULT_PREFERENCES, events: { 'application.accepted': { email: false, digest: false } } } })).toHaveLength(1);
    expect(planUserDeliveries({ ...base, prefs: { ...DEFAULT_PREFERENCES, emailUnsubscribed: true } })).toHaveLength(1);
  });
  it('folds into the digest by preference or over the rate cap, unless urgent', () => {
    const digestPref = { ...DEFAULT_PREFERENCES, events: { 'application.accepted': { email: true, digest: true } } };
    expect(planUserDeliveries({ ...base, prefs: digestPref })[1].status).toBe('digested');
    expect(planUserDeliveries({ ...base, recentCount: 10 })[1].status).toBe('digested');
    expect(planUserDeliveries({ ...base, recentCount: 10, urgency: 'urgent' })[1].status).toBe('created');
    expect(planUserDeliveries({ ...base, recentCount: 10, eventType: 'digest.weekly' })[1].status).toBe('created');
  });
  it('delays non-urgent email past quiet hours; urgent goes now', () => {
    const quiet = { ...DEFAULT_PREFERENCES, quietHours: { start: 22, end: 7 } };
    expect(planUserDeliveries({ ...base, prefs: quiet })[1].notBefore.toISOString()).toBe('2026-05-01T22:00:00.000Z');
    expect(planUserDeliveries({ ...base, prefs: quiet })[0].notBefore).toEqual(now);
    expect(planUserDeliveries({ ...base, prefs: quiet, urgency: 'urgent' })[1].notBefore).toEqual(now);
  });
});
