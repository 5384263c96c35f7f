import { Inject, Injectable, Optional } from '@nestjs/common';
import { ParticipantsService } from '@app/participants';
import { tokyoDay } from '../domain/calendar';
import {
  addContributionChange,
  deriveRelationships,
  parseDeltaKey,
  type LedgerEntry,
  type PersonProfile,
} from '../domain/person-history';
import { personIdOf } from '../domain/pseudonym';
import { LedgerRepository, ledgerKey, type NewLedgerRow, type PendingShard } from '../persistence/ledger.repository';
import { COUNTING_RULES, type CountingConfig } from './counting-rules.provider';
import { RegionIndexRegistry } from './region-index.registry';

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
  /** The project's category (breakdown by category), when the event carries it. */
  category?: string | null;
  profile?: ProfileHint;
}

export interface ApplyResult {
  /** Persons re-derived in this batch. */
  persons: number;
  /** Pending ledger rows applied. */
  applied: number;
  /** Day-delta rows appended (after the set-based rollup of the batch). */
  deltas: number;
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
    private readonly regionIndex: RegionIndexRegistry,
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

  /** Records a verified activity and applies it to the counts in the same transaction. */
  recordActivity(input: ActivityInput): Promise<RecordResult> {
    return this.record(input.userId, input.profile, (personId) => this.activityRows(personId, input));
  }

  /**
   * Records a verified activity for the asynchronous counts (the worker's path): one statement
   * appends the ledger rows and their pending marks; `applyPending` (the worker's applier) folds
   * them into the counts shortly after. Idempotent on the activity id (I4): a replay records nothing.
   */
  async enqueueActivity(input: ActivityInput): Promise<RecordResult> {
    const personId = personIdOf(input.userId);
    const profile = await this.lookupProfile(input.userId, input.profile);
    const recorded = await this.ledger.enqueueEntries(personId, profile, this.activityRows(personId, input));
    return { personId, recorded, deltas: 0 };
  }

  /**
   * Applies a batch of pending ledger rows: claims up to `limit` rows' persons (skipping persons a
   * writer holds right now), re-derives each from its applied history plus the claimed rows, and
   * appends the sum of their contribution changes as one set-based rollup of day-deltas, in one
   * transaction. Safe to run concurrently with writers, synchronous records and other appliers.
   */
  async applyPending(limit = 2_000, shard?: PendingShard): Promise<ApplyResult> {
    // Idle check outside a transaction (one index probe), so an idle applier costs next to nothing.
    if (!(await this.ledger.hasPending())) return { persons: 0, applied: 0, deltas: 0 };
    return this.ledger.transaction(async (m) => {
      // Lock order shared by every writer: region version, then count_deltas (a rebuild or a region
      // definition locks count_deltas exclusively before reading the ledger).
      const regions = await this.regionIndex.sync(m);
      await m.query('LOCK TABLE count_deltas IN ROW EXCLUSIVE MODE');
      const batch = await this.ledger.claimPending(m, limit, shard);
      if (batch.length === 0) return { persons: 0, applied: 0, deltas: 0 };
      const total = new Map<string, number>();
      const changes = [];
      const profiles = [];
      let applied = 0;
      for (const p of batch) {
        applied += p.claimed.length;
        const before = p.profile;
        const after = p.claimedProfile ?? before;
        if (after.residenceMunicipalityCode !== before.residenceMunicipalityCode || after.participantType !== before.participantType) {
          profiles.push({ personId: p.personId, profile: after });
        }
        const relBefore = deriveRelationships(p.applied, before, this.rules);
        const relAfter = deriveRelationships([...p.applied, ...p.claimed], after, this.rules);
        addContributionChange(total, { rel: relBefore, profile: before }, { rel: relAfter, profile: after }, regions);
        changes.push({ personId: p.personId, before: relBefore.pairs, after: relAfter.pairs });
      }
      const deltas = [...total.entries()].map(([k, v]) => parseDeltaKey(k, v)); // zero sums are dropped as they occur
      await this.ledger.saveProfiles(m, profiles);
      await this.ledger.syncIntervalsOf(m, changes, deltas);
      return { persons: batch.length, applied, deltas: deltas.length };
    });
  }

  /** Applies every pending row (tests, recount, CLI); returns how many were applied. */
  async drainPending(limit = 2_000): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.applyPending(limit);
      total += r.applied;
      if (r.persons === 0) {
        if ((await this.ledger.pendingCount()) === 0) return total;
        await new Promise((resolve) => setTimeout(resolve, 20)); // a writer holds a person: retry
      }
    }
  }

  pendingCount(): Promise<number> {
    return this.ledger.pendingCount();
  }

  pendingLagMs(): Promise<number> {
    return this.ledger.pendingLagMs();
  }

  private activityRows(personId: string, input: ActivityInput): NewLedgerRow[] {
    const codes = [...new Set(input.municipalityCodes)];
    return codes.map((code) => ({
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
        category: input.category ?? null,
      }));
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
      const regions = await this.regionIndex.sync(m);
      const loaded = await this.ledger.loadPerson(m, personId);
      // Rows still pending are not in the counts yet: this writer applies them too.
      const entriesBefore = loaded.entries.filter((_, i) => !loaded.pending[i]);
      const stored = loaded.profile;
      const before: PersonProfile = stored ?? { residenceMunicipalityCode: null, participantType: null };
      const after: PersonProfile = fresh ?? loaded.pendingProfile ?? before;
      const profileChanged =
        !stored || before.residenceMunicipalityCode !== after.residenceMunicipalityCode || before.participantType !== after.participantType;
      if (profileChanged) await this.ledger.savePerson(m, personId, after);
      const newRows = rows(personId);
      const inserted = await this.ledger.appendEntries(m, newRows);
      const recorded = inserted.size;
      if (recorded === 0 && !profileChanged && loaded.pendingIds.length === 0) return { personId, recorded: 0, deltas: 0 };
      // Rows another writer enqueued after the read above stay pending (the applier adds them).
      const entriesAfter: LedgerEntry[] = [...loaded.entries, ...newRows.filter((r) => inserted.has(ledgerKey(r)))];
      const relBefore = deriveRelationships(entriesBefore, before, this.rules);
      const relAfter = deriveRelationships(entriesAfter, after, this.rules);
      const change = new Map<string, number>();
      addContributionChange(change, { rel: relBefore, profile: before }, { rel: relAfter, profile: after }, regions);
      const deltas = [...change].map(([k, v]) => parseDeltaKey(k, v));
      await this.ledger.syncIntervals(m, personId, relBefore.pairs, relAfter.pairs, deltas);
      await this.ledger.releasePending(m, loaded.pendingIds);
      return { personId, recorded, deltas: deltas.length };
    });
  }
}
