import { ParticipantsErrorCode } from '../participants.errors';
import { addMonths, assertCanRegister, effectiveTier, eligibilityWindowStart, grantPremium, premiumEligibility } from './furusato-registration';

const rules = { basicCap: null, premiumMinActivities: 3, premiumMaxMunicipalities: 3 };
const now = new Date('2027-06-15T00:00:00Z');

describe('furusato registration rules', () => {
  it('refuses the residence municipality (422), duplicates (409) and beyond the cap', () => {
    const base = { municipalityCode: '152048', residenceMunicipalityCode: '131041', activeMunicipalityCodes: [] as string[], basicCap: null };
    expect(() => assertCanRegister(base)).not.toThrow();
    expect(() => assertCanRegister({ ...base, residenceMunicipalityCode: '152048' })).toThrow(
      expect.objectContaining({ code: ParticipantsErrorCode.REGISTRATION_AT_RESIDENCE }),
    );
    expect(() => assertCanRegister({ ...base, activeMunicipalityCodes: ['152048'] })).toThrow(
      expect.objectContaining({ code: ParticipantsErrorCode.REGISTRATION_DUPLICATE }),
    );
    expect(() => assertCanRegister({ ...base, activeMunicipalityCodes: ['011002', '012025'], basicCap: 2 })).toThrow(
      expect.objectContaining({ code: ParticipantsErrorCode.REGISTRATION_CAP_REACHED, params: { cap: 2 } }),
    );
    expect(() => assertCanRegister({ ...base, activeMunicipalityCodes: ['011002'], basicCap: 2 })).not.toThrow();
  });

  it('computes eligibility and how many activities are missing', () => {
    expect(premiumEligibility(1, rules)).toEqual({ eligible: false, activitiesInWindow: 1, required: 3, remaining: 2 });
    expect(premiumEligibility(3, rules)).toEqual({ eligible: true, activitiesInWindow: 3, required: 3, remaining: 0 });
    expect(premiumEligibility(5, { premiumMinActivities: 4 })).toMatchObject({ eligible: true, remaining: 0 });
  });

  it('grants premium for one year only when eligible and within M', () => {
    expect(grantPremium({ activitiesInWindow: 3, otherValidPremiumCount: 2, rules, now })).toEqual(new Date('2028-06-15T00:00:00Z'));
    expect(() => grantPremium({ activitiesInWindow: 2, otherValidPremiumCount: 0, rules, now })).toThrow(
      expect.objectContaining({ code: ParticipantsErrorCode.PREMIUM_NOT_ELIGIBLE, params: { required: 3, count: 2, remaining: 1 } }),
    );
    expect(() => grantPremium({ activitiesInWindow: 9, otherValidPremiumCount: 3, rules, now })).toThrow(
      expect.objectContaining({ code: ParticipantsErrorCode.PREMIUM_LIMIT_REACHED }),
    );
  });

  it('counts the last 12 months and reads an expired premium as basic', () => {
    expect(eligibilityWindowStart(now)).toEqual(new Date('2026-06-15T00:00:00Z'));
    expect(addMonths(new Date('2027-01-31T00:00:00Z'), 1).toISOString().slice(0, 7)).toBe('2027-03');
    expect(effectiveTier('premium', new Date('2027-06-16T00:00:00Z'), now)).toBe('premium');
    expect(effectiveTier('premium', new Date('2027-06-14T00:00:00Z'), now)).toBe('basic');
    expect(effectiveTier('basic', null, now)).toBe('basic');
  });
});
