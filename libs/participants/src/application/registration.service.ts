import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@app/platform/errors';
import { isUniqueViolation } from '@app/platform/database';
import { OutboxService } from '@app/platform/outbox';
import { RegionsService } from '@app/regions';
import {
  assertCanRegister,
  effectiveTier,
  eligibilityWindowStart,
  grantPremium,
  premiumEligibility,
  type PremiumEligibility,
  type RegistrationRules,
  type RegistrationTier,
} from '../domain/furusato-registration';
import type { FurusatoRegistrationEntity } from '../persistence/furusato-registration.entity';
import { ParticipantsRepository } from '../persistence/participants.repository';
import { RegistrationsRepository } from '../persistence/registrations.repository';
import { ParticipantsErrorCode } from '../participants.errors';
import {
  ParticipantTopics,
  type PremiumGrantedPayload,
  type RegistrationCreatedPayload,
  type RegistrationWithdrawnPayload,
} from './participants.topics';
import { REGISTRATION_RULES } from './registration-rules.provider';

export interface RegistrationView {
  id: string;
  municipalityCode: string;
  /** Effective tier: an expired premium reads as basic. */
  tier: RegistrationTier;
  registeredAt: string;
  premiumGrantedAt: string | null;
  premiumExpiresAt: string | null;
  premiumEligibility: PremiumEligibility;
}

export interface RegistrationListView {
  items: RegistrationView[];
  rules: { basicCap: number | null; premiumMinActivities: number; premiumMaxMunicipalities: number; windowMonths: number };
  premiumCount: number;
}

/** ふるさと住民登録: register (basic), withdraw, and request premium when eligible. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly registrations: RegistrationsRepository,
    private readonly participants: ParticipantsRepository,
    private readonly regions: RegionsService,
    private readonly outbox: OutboxService,
    @Inject(REGISTRATION_RULES) private readonly rules: RegistrationRules,
  ) {}

  async list(userId: string, now = new Date()): Promise<RegistrationListView> {
    const [active, counts] = await Promise.all([
      this.registrations.activeRegistrations(userId),
      this.registrations.activityCounts(userId, eligibilityWindowStart(now)),
    ]);
    const items = active.map((r) => this.view(r, counts.get(r.municipalityCode) ?? 0, now));
    return {
      items,
      rules: { ...this.rules, windowMonths: 12 },
      premiumCount: items.filter((i) => i.tier === 'premium').length,
    };
  }

  async register(userId: string, municipalityInput: string, now = new Date()): Promise<RegistrationView> {
    const code = (await this.regions.resolveMunicipality(municipalityInput)).municipality.code;
    const profile = await this.participants.findProfile(userId);
    if (!profile) throw new AppError(ParticipantsErrorCode.PROFILE_REQUIRED);
    try {
      const reg = await this.registrations.transaction(async (m) => {
        await this.registrations.lockPerson(m, userId);
        const active = await this.registrations.activeRegistrations(userId, m);
        assertCanRegister({
          municipalityCode: code,
          residenceMunicipalityCode: profile.residenceMunicipalityCode,
          activeMunicipalityCodes: active.map((r) => r.municipalityCode),
          basicCap: this.rules.basicCap,
        });
        const created = await this.registrations.insertRegistration(m, userId, code, now);
        const payload: RegistrationCreatedPayload = {
          registrationId: created.id,
          participantId: userId,
          municipalityCode: code,
          tier: 'basic',
          registeredAt: created.registeredAt.toISOString(),
        };
        await this.outbox.publish(m, { topic: ParticipantTopics.registrationCreated, key: created.id, payload: { ...payload } });
        return created;
      });
      const counts = await this.registrations.activityCounts(userId, eligibilityWindowStart(now));
      return this.view(reg, counts.get(code) ?? 0, now);
    } catch (e) {
      // The partial unique index is the last guard against a concurrent duplicate.
      if (isUniqueViolation(e, 'uq_furusato_registrations_active')) {
        throw new AppError(ParticipantsErrorCode.REGISTRATION_DUPLICATE, { code });
      }
      throw e;
    }
  }

  async withdraw(userId: string, municipalityInput: string, now = new Date()): Promise<void> {
    const code = (await this.regions.resolveMunicipality(municipalityInput)).municipality.code;
    await this.registrations.transaction(async (m) => {
      await this.registrations.lockPerson(m, userId);
      const reg = await this.registrations.markWithdrawn(m, userId, code, now);
      if (!reg) throw new AppError(ParticipantsErrorCode.REGISTRATION_NOT_FOUND, { code });
      const payload: RegistrationWithdrawnPayload = {
        registrationId: reg.id,
        participantId: userId,
        municipalityCode: code,
        tier: effectiveTier(reg.tier, reg.premiumExpiresAt, now),
        registeredAt: reg.registeredAt.toISOString(),
        withdrawnAt: now.toISOString(),
      };
      await this.outbox.publish(m, { topic: ParticipantTopics.registrationWithdrawn, key: reg.id, payload: { ...payload } });
    });
  }

  async requestPremium(userId: string, municipalityInput: string, now = new Date()): Promise<RegistrationView> {
    const code = (await this.regions.resolveMunicipality(municipalityInput)).municipality.code;
    return this.registrations.transaction(async (m) => {
      await this.registrations.lockPerson(m, userId);
      const active = await this.registrations.activeRegistrations(userId, m);
      const reg = active.find((r) => r.municipalityCode === code);
      if (!reg) throw new AppError(ParticipantsErrorCode.REGISTRATION_NOT_FOUND, { code });
      const counts = await this.registrations.activityCounts(userId, eligibilityWindowStart(now), m);
      const activities = counts.get(code) ?? 0;
      const otherValidPremiumCount = active.filter(
        (r) => r.id !== reg.id && effectiveTier(r.tier, r.premiumExpiresAt, now) === 'premium',
      ).length;
      const expiresAt = grantPremium({ activitiesInWindow: activities, otherValidPremiumCount, rules: this.rules, now });
      const renewal = effectiveTier(reg.tier, reg.premiumExpiresAt, now) === 'premium';
      const updated = await this.registrations.setPremium(m, reg.id, now, expiresAt);
      const payload: PremiumGrantedPayload = {
        registrationId: reg.id,
        participantId: userId,
        municipalityCode: code,
        tier: 'premium',
        grantedAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        renewal,
      };
      await this.outbox.publish(m, { topic: ParticipantTopics.premiumGranted, key: `${reg.id}:${now.toISOString()}`, payload: { ...payload } });
      return this.view(updated, activities, now);
    });
  }

  private view(r: FurusatoRegistrationEntity, activities: number, now: Date): RegistrationView {
    return {
      id: r.id,
      municipalityCode: r.municipalityCode,
      tier: effectiveTier(r.tier, r.premiumExpiresAt, now),
      registeredAt: r.registeredAt.toISOString(),
      premiumGrantedAt: r.premiumGrantedAt?.toISOString() ?? null,
      premiumExpiresAt: r.premiumExpiresAt?.toISOString() ?? null,
      premiumEligibility: premiumEligibility(activities, this.rules),
    };
  }
}
