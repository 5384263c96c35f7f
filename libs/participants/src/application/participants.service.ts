import { Injectable } from '@nestjs/common';
import { ParticipantsRepository } from '../persistence/participants.repository';
import { RegistrationsRepository } from '../persistence/registrations.repository';
import { ConsentService } from './consent.service';
import { toProfileView, type ProfileView } from './profile.service';

/** Facade for other contexts (participation, matching, notifications). */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly repository: ParticipantsRepository,
    private readonly consents: ConsentService,
    private readonly registrations: RegistrationsRepository,
  ) {}

  /**
   * The participant's relationship history for recommendations: verified activities per
   * municipality (all time) and the municipalities of active furusato registrations.
   */
  async getMatchingHistory(userId: string): Promise<{ activityCounts: Record<string, number>; registeredMunicipalityCodes: string[] }> {
    const [counts, registrations] = await Promise.all([
      this.registrations.activityCounts(userId, new Date(0)),
      this.registrations.activeRegistrations(userId),
    ]);
    return { activityCounts: Object.fromEntries(counts), registeredMunicipalityCodes: registrations.map((r) => r.municipalityCode) };
  }

  /** The participant's profile, or null when they have not saved one. */
  async getProfile(userId: string): Promise<ProfileView | null> {
    const p = await this.repository.findProfile(userId);
    return p ? toProfileView(p) : null;
  }

  /**
   * Whether host staff of `municipalityCode` may see the participant's contact details: the latest
   * decision for that municipality, else the latest general decision; false when none.
   */
  async getContactConsent(userId: string, municipalityCode: string): Promise<boolean> {
    return (await this.consents.contactConsentsOf([userId], [municipalityCode])).get(userId) !== null;
  }

  /** `getContactConsent` for many participants: the first of `municipalityCodes` each consents to (null: none). */
  getContactConsents(userIds: readonly string[], municipalityCodes: readonly string[]): Promise<Map<string, string | null>> {
    return this.consents.contactConsentsOf(userIds, municipalityCodes);
  }

  /** Whether the participant currently consents to being scouted (latest general `be_scouted` decision). */
  isScoutable(userId: string): Promise<boolean> {
    return this.repository.isScoutable(userId);
  }

  /**
   * Profiles of participants who consent to being scouted and touch the filter (prefecture of
   * interest/hometown/residence, shared skill or interest category), newest first, at most `limit`
   * (capped at 1,000). For matching's scouting; callers must not show names before acceptance.
   */
  async listScoutableProfiles(filter: { prefectureCodes: string[]; skills: string[]; categories: string[] }, limit: number): Promise<ProfileView[]> {
    const rows = await this.repository.findScoutableProfiles(filter, Math.min(Math.max(1, limit), 1000));
    return rows.map(toProfileView);
  }

  /**
   * Participants who consent to the weekly digest of new projects (latest general
   * `receive_digest` decision is a grant) and have a profile: user ids in ascending order after
   * `afterUserId`, at most `limit` (capped at 10,000) — keyset pages for a fan-out.
   */
  listDigestRecipientIds(afterUserId: string | null, limit: number): Promise<string[]> {
    return this.repository.findDigestConsentingUserIds(afterUserId, Math.min(Math.max(1, limit), 10_000));
  }

  /** Of the given users, those who (still) consent to the digest — a batch re-checks before sending. */
  filterDigestRecipients(userIds: readonly string[]): Promise<string[]> {
    return this.repository.filterDigestConsenting(userIds);
  }

  /** Profiles of many participants in one query (those without a profile are absent). */
  async getProfiles(userIds: readonly string[]): Promise<ProfileView[]> {
    const rows = await this.repository.findProfiles(userIds);
    return rows.map(toProfileView);
  }

  /** 居住地 (6-digit code), or null without a profile. */
  async getResidenceMunicipalityCode(userId: string): Promise<string | null> {
    return (await this.repository.findProfile(userId))?.residenceMunicipalityCode ?? null;
  }
}
