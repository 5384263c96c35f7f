import { effectiveConsent, type ConsentRecord } from './consent';

const rec = (municipalityCode: string | null, granted: boolean): ConsentRecord => ({
  purpose: 'share_contact_with_hosts',
  municipalityCode,
  granted,
  policyVersion: '2026-04',
  recordedAt: new Date(),
});

describe('effectiveConsent', () => {
  it('is false without any decision', () => {
    expect(effectiveConsent([], 'share_contact_with_hosts', '152048')).toBe(false);
  });
  it('uses the general decision when no municipality-specific one exists', () => {
    expect(effectiveConsent([rec(null, true)], 'share_contact_with_hosts', '152048')).toBe(true);
  });
  it('lets a municipality-specific decision override the general one both ways', () => {
    expect(effectiveConsent([rec(null, true), rec('152048', false)], 'share_contact_with_hosts', '152048')).toBe(false);
    expect(effectiveConsent([rec(null, false), rec('152048', true)], 'share_contact_with_hosts', '152048')).toBe(true);
    expect(effectiveConsent([rec(null, false), rec('152048', true)], 'share_contact_with_hosts', '131016')).toBe(false);
  });
});
