import { Inject, Injectable, Optional } from '@nestjs/common';
import { ParticipantsService } from '@app/participants';
import { tokyoDay } from '../domain/calendar';
import type { RegionIndex } from '../domain/metrics';
import {
  contribution,
  deriveRelationships,
  diffContributions,
  type LedgerEntry,
  type PersonProfile,
} from '../domain/person-history';
import { personIdOf } from '../domain/pseudonym';
import { LedgerRepository, type NewLedgerRow } from '../persistence/ledger.repository';
import { COUNTING_RULES, REGION_INDEX, type CountingConfig } from './counting-rules.provider';

/** Residence and participant type, when the caller already knows them (tests, load generation). */
export interface ProfileHint {
  residenceMunicipalityCode: string | null;
  participantType?: string | null;
}

export interface RegistrationInput {
  registrationId: string;
  userId: string;
  municipalityCode: string;
  registeredAt: string | Date;
  profile?: ProfileHint;
}
export interface WithdrawalInput extends RegistrationInput {
  withdrawnAt: string | Date;
}
export interface PremiumInput {
  registrationId: string;
  userId: string;
  municipalityCode: string;
  grantedAt: string | Date;
  expiresAt: string | Date;
  profile?: ProfileHint;
}
export interface ActivityInput {
  activityId: string;
  userId: string;
  municipalityCodes: string[];
  verifiedAt: string | Date;
  profile?: ProfileHint;
}
export interface EndPersonInput {
  userId: string;
  deletedAt: string | Date;
}

export interface RecordResult {
  personId: string;
  /** Ledger rows newly recorded (0 on a replay). */
  recorded: number;
  /** Day-deltas appended to the maintained counts. */
  deltas: number;
}

const iso = (v: string | Date) => (typeof v === 'string' ? new Date(v) : v);

/**
 * Facade of the counting engine's write side. Each call appends ledger rows (idempotent on the
 * source, I4), re-derives that one person's relationships under a per-person advisory lock, and
 * appends `contribution(after) − contribution(before)` as day-deltas: no hot counter rows.
 */
@Injectable()
export class RelationshipsService {
  constructor(
    private readonly ledger: LedgerRepository,
    @Inject(COUNTING_RULES) private readonly rules: CountingConfig,
    @Inject(REGION_INDEX) private readonly regions: RegionIndex,
    @Optional() private readonly participants?: ParticipantsService,
  ) {}

  personIdOf(userId: string): string {
    return personIdOf(userId);
  }

  recordRegistration(input: RegistrationInput): Promise<RecordResult> {
    return this.record(input.userId, input.profile, (personId) => [
      {
        personId,
        kind: 'registered',
        basis: 'registration',
        tier: 'basic',
        sourceType: 'registration',
        sourceId: input.registrationId,
        registrationId: input.registrationId,
        municipalityCode: input.municipalityCode,
        effectiveOn: tokyoDay(input.registeredAt),
        startedOn: null,
        expiresOn: null,
        occurredAt: iso(input.registeredAt),
      },
    ]);
  }

  recordWithdrawal(input: WithdrawalInput): Promise<RecordResult> {
    return this.record(input.userId, input.profile, (personId) => [
      {
        personId,
        kind: 'withdrawn',
        basis: 'registration',
        tier: null,
        sourceType: 'registration',
        sourceId: input.registrationId,
        registrationId: input.registrationId,
        municipalityCode: input.municipalityCode,
        effectiveOn: tokyoDay(input.withdrawnAt),
        startedOn: tokyoDay(input.registeredAt),
        expiresOn: null,
        occurredAt: iso(input.withdrawnAt),
      },
    ]);
  }

  recordPremium(input: PremiumInput): Promise<RecordResult> {
    return this.record(input.userId, input.profile, (personId) => [
      {
        personId,
        kind: 'premium_granted',
        basis: 'registration',
        tier: 'premium',
        sourceType: 'registration',
        // One row per grant (renewals extend): the grant instant is part of the source.
        sourceId: `${input.registrationId}@${iso(input.grantedAt).toISOString()}`,
        registrationId: input.registrationId,
        municipalityCode: input.municipalityCode,
        effectiveOn: tokyoDay(input.grantedAt),
        startedOn: null,
        expiresOn: tokyoDay(input.expiresAt),
        occurredAt: iso(input.grantedAt),
      },
    ]);
  }

  recordActivity(input: ActivityInput): Promise<RecordResult> {
    const codes = [...new Set(input.municipalityCodes)];
    return this.record(input.userId, input.profile, (personId) =>
      codes.map((code) => ({
        personId,
        kind: 'activity' as const,
        basis: 'activity' as const,
        tier: 'basic' as const,
        sourceType: 'activity' as const,
        sourceId: input.activityId,
        registrationId: null,
        municipalityCode: code,
        effectiveOn: tokyoDay(input.verifiedAt),
        startedOn: null,
        expiresOn: null,
        occurredAt: iso(input.verifiedAt),
      })),
    );
  }

  /** Account deletion: every relationship of the person ends on the deletion day. */
  endPerson(input: EndPersonInput): Promise<RecordResult> {
    return this.record(input.userId, undefined, (personId) => [
      {
        personId,
        kind: 'ended',
        basis: 'person',
        tier: null,
        sourceType: 'user',
        sourceId: personId,
        registrationId: null,
        municipalityCode: '',
        effectiveOn: tokyoDay(input.deletedAt),
        startedOn: null,
        expiresOn: null,
        occurredAt: iso(input.deletedAt),
      },
    ]);
  }

  /** Re-reads residence and participant type (a move changes which municipality is excluded, I5). */
  refreshPerson(userId: string, profile?: ProfileHint): Promise<RecordResult> {
    return this.record(userId, profile, () => []);
  }

  private async lookupProfile(userId: string, hint: ProfileHint | undefined): Promise<PersonProfile | null> {
    if (hint) return { residenceMunicipalityCode: hint.residenceMunicipalityCode, participantType: hint.participantType ?? null };
    if (!this.participants) return null;
    const p = await this.participants.getProfile(userId);
    return p ? { residenceMunicipalityCode: p.residenceMunicipalityCode, participantType: p.participantType } : null;
  }

  private async record(userId: string, hint: ProfileHint | undefined, rows: (personId: string) => NewLedgerRow[]): Promise<RecordResult> {
    const personId = personIdOf(userId);
    const fresh = await this.lookupProfile(userId, hint);
    return this.ledger.transaction(async (m) => {
      await this.ledger.lockPerson(m, personId);
      const { profile: stored, entries: entriesBefore } = await this.ledger.loadPerson(m, personId);
      const before: PersonProfile = stored ?? { residenceMunicipalityCode: null, participantType: null };
      const after: PersonProfile = fresh ?? before;
      const profileChanged =
        !stored || before.residenceMunicipalityCode !== after.residenceMunicipalityCode || before.participantType !== after.participantType;
      if (profileChanged) await this.ledger.savePerson(m, personId, after);
      const newRows = rows(personId);
      const recorded = await this.ledger.appendEntries(m, newRows);
      if (recorded === 0 && !profileChanged) return { personId, recorded: 0, deltas: 0 };
      const entriesAfter: LedgerEntry[] = recorded === newRows.length ? [...entriesBefore, ...newRows] : await this.ledger.entriesOfPerson(m, personId);
      const relBefore = deriveRelationships(entriesBefore, before, this.rules);
      const relAfter = deriveRelationships(entriesAfter, after, this.rules);
      const deltas = diffContributions(contribution(relBefore, before, this.regions), contribution(relAfter, after, this.regions));
      await this.ledger.syncIntervals(m, personId, relBefore.pairs, relAfter.pairs, deltas);
      return { personId, recorded, deltas: deltas.length };
    });
  }
}
