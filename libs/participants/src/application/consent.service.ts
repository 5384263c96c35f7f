import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform/errors';
import { RegionsService } from '@app/regions';
import {
  CONSENT_POLICY_VERSIONS,
  CONSENT_PURPOSES,
  effectiveConsent,
  isConsentPurpose,
  PER_MUNICIPALITY_PURPOSES,
  type ConsentPurpose,
  type ConsentRecord,
} from '../domain/consent';
import { ParticipantsRepository } from '../persistence/participants.repository';
import { ParticipantsErrorCode } from '../participants.errors';

export interface ConsentStateView {
  purpose: ConsentPurpose;
  /** The general decision (false when never given). */
  granted: boolean;
  policyVersion: string | null;
  recordedAt: string | null;
  /** Municipality-specific decisions that override the general one. */
  municipalities: { municipalityCode: string; granted: boolean; policyVersion: string; recordedAt: string }[];
}

/** Consents per purpose (and per host municipality for contact sharing), kept as an append-only history. */
@Injectable()
export class ConsentService {
  constructor(
    private readonly repository: ParticipantsRepository,
    private readonly regions: RegionsService,
  ) {}

  async list(userId: string): Promise<ConsentStateView[]> {
    const latest = await this.repository.latestConsents(userId);
    return CONSENT_PURPOSES.map((purpose) => {
      const general = latest.find((r) => r.purpose === purpose && r.municipalityCode === null);
      return {
        purpose,
        granted: general?.granted ?? false,
        policyVersion: general?.policyVersion ?? null,
        recordedAt: general?.recordedAt.toISOString() ?? null,
        municipalities: latest
          .filter((r) => r.purpose === purpose && r.municipalityCode !== null)
          .map((r) => ({ municipalityCode: r.municipalityCode!, granted: r.granted, policyVersion: r.policyVersion, recordedAt: r.recordedAt.toISOString() })),
      };
    });
  }

  async set(userId: string, purpose: string, granted: boolean, municipalityCode?: string): Promise<ConsentStateView> {
    if (!isConsentPurpose(purpose)) throw new AppError(ParticipantsErrorCode.CONSENT_PURPOSE_NOT_FOUND, { purpose });
    let code: string | null = null;
    if (municipalityCode !== undefined) {
      if (!PER_MUNICIPALITY_PURPOSES.includes(purpose)) throw new AppError(ParticipantsErrorCode.CONSENT_MUNICIPALITY_NOT_ALLOWED);
      code = (await this.regions.resolveMunicipality(municipalityCode)).municipality.code;
    }
    await this.repository.transaction((m) =>
      this.repository.appendConsent(m, { userId, purpose, municipalityCode: code, granted, policyVersion: CONSENT_POLICY_VERSIONS[purpose] }),
    );
    return (await this.list(userId)).find((c) => c.purpose === purpose)!;
  }

  /**
   * For each participant, the first of `municipalityCodes` whose staff may see their contact
   * details (null: none), in one query.
   */
  async contactConsentsOf(userIds: readonly string[], municipalityCodes: readonly string[]): Promise<Map<string, string | null>> {
    const rows = await this.repository.latestConsentsOfMany(userIds, 'share_contact_with_hosts');
    const byUser = new Map<string, ConsentRecord[]>();
    for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
    return new Map(
      userIds.map((id) => [id, municipalityCodes.find((code) => effectiveConsent(byUser.get(id) ?? [], 'share_contact_with_hosts', code)) ?? null]),
    );
  }
}
