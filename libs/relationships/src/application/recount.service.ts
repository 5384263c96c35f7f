import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RegionIndex } from '../domain/metrics';
import { contribution, deriveRelationships, parseDeltaKey, type DeltaRow } from '../domain/person-history';
import { CountsRepository } from '../persistence/counts.repository';
import { LedgerRepository } from '../persistence/ledger.repository';
import { COUNTING_RULES, type CountingConfig } from './counting-rules.provider';
import { RegionIndexRegistry } from './region-index.registry';
import { RelationshipsService } from './relationships.service';

export interface CountDifference {
  key: string;
  expected: number;
  actual: number;
}

export interface VerifyReport {
  persons: number;
  /** Day-level totals compared (series|scopeType|scopeCode|dim|day). */
  totalsChecked: number;
  differences: CountDifference[];
  differenceCount: number;
  monthlyDifferences: number;
  intervalDifferences: number;
  ok: boolean;
}

const BATCH = 1_000;
const MAX_REPORTED = 50;

/**
 * Recount (I3): recomputes every maintained aggregate from the ledger and compares it with what the
 * incremental path stored; `rebuild` replaces the aggregates with the recomputation.
 */
@Injectable()
export class RecountService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly counts: CountsRepository,
    @Inject(COUNTING_RULES) private readonly rules: CountingConfig,
    private readonly regionIndex: RegionIndexRegistry,
    private readonly relationships: RelationshipsService,
  ) {}

  private async recompute(
    m: EntityManager | undefined,
    regions: RegionIndex,
    onBatch?: (personIds: string[], intervalKeys: Set<string>) => Promise<void>,
  ): Promise<{ expected: Map<string, number>; persons: number }> {
    const expected = new Map<string, number>();
    let after: string | null = null;
    let persons = 0;
    for (;;) {
      const ids = await this.ledger.personIdsAfter(after, BATCH, m);
      if (ids.length === 0) break;
      after = ids[ids.length - 1];
      persons += ids.length;
      const histories = await this.ledger.historiesOf(ids, m);
      const intervalKeys = new Set<string>();
      for (const [personId, { profile, entries }] of histories) {
        const rel = deriveRelationships(entries, profile, this.rules);
        for (const [family, byMuni] of Object.entries(rel.pairs)) {
          for (const [code, list] of byMuni) for (const i of list) intervalKeys.add(`${personId}|${family}|${code}|${i.from}|${i.to ?? ''}`);
        }
        for (const [k, v] of contribution(rel, profile, regions)) {
          const n = (expected.get(k) ?? 0) + v;
          if (n === 0) expected.delete(k);
          else expected.set(k, n);
        }
      }
      if (onBatch) await onBatch(ids, intervalKeys);
    }
    return { expected, persons };
  }

  /**
   * Compares the counts with a recomputation of the applied ledger rows. Pending rows (the
   * asynchronous path) are applied first; rows recorded while verify runs stay pending and are
   * excluded from both sides.
   */
  async verify(): Promise<VerifyReport> {
    await this.relationships.drainPending();
    let intervalDifferences = 0;
    const regions = await this.counts.transaction((m) => this.regionIndex.sync(m));
    const { expected, persons } = await this.recompute(undefined, regions, async (ids, keys) => {
      const stored = new Set(await this.ledger.intervalKeysOf(ids));
      for (const k of keys) if (!stored.has(k)) intervalDifferences++;
      for (const k of stored) if (!keys.has(k)) intervalDifferences++;
    });
    const actual = await this.counts.allDayTotals();
    const differences: CountDifference[] = [];
    let differenceCount = 0;
    for (const k of new Set([...expected.keys(), ...actual.keys()])) {
      const e = expected.get(k) ?? 0;
      const a = actual.get(k) ?? 0;
      if (e !== a) {
        differenceCount++;
        if (differences.length < MAX_REPORTED) differences.push({ key: k, expected: e, actual: a });
      }
    }
    const monthlyDifferences = (await this.counts.monthlyMismatches()).length + (await this.counts.runningMismatches());
    return {
      persons,
      totalsChecked: expected.size,
      differences,
      differenceCount,
      monthlyDifferences,
      intervalDifferences,
      ok: differenceCount === 0 && monthlyDifferences === 0 && intervalDifferences === 0,
    };
  }

  /** Replaces intervals and every maintained count with the recomputation; writers wait meanwhile. */
  async rebuild(): Promise<{ persons: number; totals: number }> {
    await this.relationships.drainPending();
    // Rows enqueued from here on stay pending: the rebuild recomputes applied rows only.
    return this.counts.transaction(async (m) => {
      // Writers wait meanwhile, so nothing slips between the read of the ledger and the replace.
      const regions = await this.regionIndex.sync(m); // the lock order: region version first
      await this.counts.lockForRebuild(m);
      const { expected, persons } = await this.recompute(m, regions, async (ids) => {
        const histories = await this.ledger.historiesOf(ids, m);
        for (const [personId, { profile, entries }] of histories) {
          await this.ledger.replaceIntervals(m, personId, deriveRelationships(entries, profile, this.rules).pairs);
        }
      });
      const rows: DeltaRow[] = [...expected.entries()].map(([k, v]) => parseDeltaKey(k, v));
      await this.counts.replaceAll(m, rows);
      return { persons, totals: rows.length };
    });
  }
}
