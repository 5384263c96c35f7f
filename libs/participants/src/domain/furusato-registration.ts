import { AppError } from '@app/platform/errors';
import { ParticipantsErrorCode } from '../participants.errors';

/** ふるさと住民登録: basic tier for anyone, premium for continuing 担い手活動. */
export const REGISTRATION_TIERS = ['basic', 'premium'] as const;
export type RegistrationTier = (typeof REGISTRATION_TIERS)[number];

export const ELIGIBILITY_WINDOW_MONTHS = 12;
export const PREMIUM_VALIDITY_MONTHS = 12;

export interface RegistrationRules {
  /** Max active registrations per person; null = no cap. */
  basicCap: number | null;
  /** N: verified activities with the municipality in the window. */
  premiumMinActivities: number;
  /** M: municipalities with a valid premium at once. */
  premiumMaxMunicipalities: number;
}

export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

/** Start of the eligibility window ending at `now`. */
export function eligibilityWindowStart(now: Date): Date {
  return addMonths(now, -ELIGIBILITY_WINDOW_MONTHS);
}

/** Refuses registration at one's own residence, a duplicate, or past the configured cap. */
export function assertCanRegister(input: {
  municipalityCode: string;
  residenceMunicipalityCode: string;
  activeMunicipalityCodes: readonly string[];
  basicCap: number | null;
}): void {
  if (input.municipalityCode === input.residenceMunicipalityCode) {
    throw new AppError(ParticipantsErrorCode.REGISTRATION_AT_RESIDENCE, { code: input.municipalityCode });
  }
  if (input.activeMunicipalityCodes.includes(input.municipalityCode)) {
    throw new AppError(ParticipantsErrorCode.REGISTRATION_DUPLICATE, { code: input.municipalityCode });
  }
  if (input.basicCap !== null && input.activeMunicipalityCodes.length >= input.basicCap) {
    throw new AppError(ParticipantsErrorCode.REGISTRATION_CAP_REACHED, { cap: input.basicCap });
  }
}

export interface PremiumEligibility {
  eligible: boolean;
  activitiesInWindow: number;
  required: number;
  /** Activities still needed (0 when enough). */
  remaining: number;
}

export function premiumEligibility(activitiesInWindow: number, rules: Pick<RegistrationRules, 'premiumMinActivities'>): PremiumEligibility {
  const remaining = Math.max(0, rules.premiumMinActivities - activitiesInWindow);
  return { eligible: remaining === 0, activitiesInWindow, required: rules.premiumMinActivities, remaining };
}

/**
 * Grants (or renews) premium: eligible by activities, and within M municipalities counting
 * valid premiums elsewhere (a renewal of this municipality does not count against M).
 * Returns the new expiry: one year from `now`.
 */
export function grantPremium(input: {
  activitiesInWindow: number;
  otherValidPremiumCount: number;
  rules: RegistrationRules;
  now: Date;
}): Date {
  const e = premiumEligibility(input.activitiesInWindow, input.rules);
  if (!e.eligible) {
    throw new AppError(ParticipantsErrorCode.PREMIUM_NOT_ELIGIBLE, {
      required: e.required,
      count: e.activitiesInWindow,
      remaining: e.remaining,
    });
  }
  if (input.otherValidPremiumCount >= input.rules.premiumMaxMunicipalities) {
    throw new AppError(ParticipantsErrorCode.PREMIUM_LIMIT_REACHED, { max: input.rules.premiumMaxMunicipalities });
  }
  return addMonths(input.now, PREMIUM_VALIDITY_MONTHS);
}

/** Premium is effective only until it expires; afterwards the registration counts as basic. */
export function effectiveTier(tier: RegistrationTier, premiumExpiresAt: Date | null, now: Date): RegistrationTier {
  return tier === 'premium' && premiumExpiresAt !== null && premiumExpiresAt.getTime() > now.getTime() ? 'premium' : 'basic';
}
