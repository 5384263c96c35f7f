import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLogService, type Actor } from '@app/identity';
import { AppError } from '@app/platform/errors';
import { RegionsService } from '@app/regions';
import { withCustomRegions } from '../domain/metrics';
import { contribution, deriveRelationships, parseDeltaKey, type DeltaRow } from '../domain/person-history';
import { CountsRepository } from '../persistence/counts.repository';
import { CustomRegionsRepository, type CustomRegionRow } from '../persistence/custom-regions.repository';
import { LedgerRepository } from '../persistence/ledger.repository';
import { RelationshipsErrorCode } from '../relationships.errors';
import { COUNTING_RULES, type CountingConfig } from './counting-rules.provider';

export interface CustomRegionView {
  code: string;
  name: string;
  municipalityCodes: string[];
  createdAt: string;
}

const BATCH = 1_000;

const view = (r: CustomRegionRow): CustomRegionView => ({ code: r.code, name: r.name, municipalityCodes: r.municipalityCodes, createdAt: r.createdAt.toISOString() });

/**
 * Admin-defined 広域リージョン: a named set of municipalities counted as scope `custom` with exact
 * distinct 実人数 (a person related to two of its municipalities counts once). Defining one after
 * data exists backfills its counts from the applied ledger in the same transaction, while writers
 * wait (verified activities keep being recorded: the asynchronous path does not wait).
 */
@Injectable()
export class CustomRegionsService {
  constructor(
    private readonly repository: CustomRegionsRepository,
    private readonly counts: CountsRepository,
    private readonly ledger: LedgerRepository,
    private readonly regions: RegionsService,
    private readonly audit: AuditLogService,
    @Inject(COUNTING_RULES) private readonly rules: CountingConfig,
  ) {}

  async list(): Promise<CustomRegionView[]> {
    return (await this.repository.list()).map(view);
  }

  async find(code: string): Promise<CustomRegionView | null> {
    return (await this.list()).find((r) => r.code === code) ?? null;
  }

  async define(actor: Actor, input: { code: string; name: string; municipalityCodes: string[] }): Promise<CustomRegionView & { backfilledPersons: number }> {
    const { name, codes } = await this.checkedDefinition(input);
    const persons = await this.counts.transaction(async (m) => {
      await this.lockDefinitions(m);
      if (!(await this.repository.insert(m, { code: input.code, name, municipalityCodes: codes, createdBy: actor.userId }))) {
        throw new AppError(RelationshipsErrorCode.STATS_REGION_EXISTS, { code: input.code });
      }
      const n = await this.backfill(m, input.code, codes);
      await this.audit.record(
        { actorId: actor.userId, requestId: actor.requestId, action: 'stats.custom_region.define', targetType: 'scope', targetId: `custom:${input.code}`, metadata: { name, municipalities: codes.length, persons: n } },
        m,
      );
      return n;
    });
    return { ...(await this.find(input.code))!, backfilledPersons: persons };
  }

  /**
   * Renames a 広域リージョン or changes its municipalities: its counts are rebuilt from the applied
   * ledger for every date (they describe the region as now defined), in one transaction under the
   * definition locks. Audited with the municipalities before and after.
   */
  async redefine(actor: Actor, code: string, input: { name: string; municipalityCodes: string[] }): Promise<CustomRegionView & { backfilledPersons: number }> {
    const { name, codes } = await this.checkedDefinition(input);
    const persons = await this.counts.transaction(async (m) => {
      await this.lockDefinitions(m);
      const before = await this.repository.update(m, code, { name, municipalityCodes: codes });
      if (!before) throw new AppError(RelationshipsErrorCode.STATS_REGION_NOT_FOUND, { code });
      await this.counts.deleteScope(m, 'custom', code);
      const n = await this.backfill(m, code, codes);
      await this.audit.record(
        {
          actorId: actor.userId,
          requestId: actor.requestId,
          action: 'stats.custom_region.update',
          targetType: 'scope',
          targetId: `custom:${code}`,
          metadata: { name, before: before.municipalityCodes, after: codes, persons: n },
        },
        m,
      );
      return n;
    });
    return { ...(await this.find(code))!, backfilledPersons: persons };
  }

  /** The name normalised and the municipalities deduplicated, sorted and known (422 otherwise). */
  private async checkedDefinition(input: { name: string; municipalityCodes: string[] }): Promise<{ name: string; codes: string[] }> {
    const codes = [...new Set(input.municipalityCodes)].sort();
    const known = new Set((await this.regions.findMunicipalities(codes)).map((m) => m.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw new AppError(RelationshipsErrorCode.STATS_REGION_UNKNOWN_MUNICIPALITY, { codes: unknown.join(', ') });
    return { name: input.name.normalize('NFKC').trim(), codes };
  }

  /** Lock order shared with every writer: the region version first, then the counts. */
  private async lockDefinitions(m: EntityManager): Promise<void> {
    await this.repository.lockForDefinition(m);
    await this.counts.lockForRebuild(m);
  }

  /** Writes the contribution of every person with intervals in the region, to its scope only; returns how many persons. */
  private async backfill(m: EntityManager, code: string, codes: string[]): Promise<number> {
    const only = withCustomRegions(new Map(), [{ code, municipalityCodes: codes }]);
    const marker = `|custom|${code}|`;
    const ids = await this.repository.personIdsIn(m, codes);
    const total = new Map<string, number>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const histories = await this.ledger.historiesOf(ids.slice(i, i + BATCH), m);
      for (const { profile, entries } of histories.values()) {
        const rel = deriveRelationships(entries, profile, this.rules);
        for (const [k, v] of contribution(rel, profile, only)) if (k.includes(marker)) total.set(k, (total.get(k) ?? 0) + v);
      }
    }
    const rows: DeltaRow[] = [...total.entries()].filter(([, v]) => v !== 0).map(([k, v]) => parseDeltaKey(k, v));
    for (let i = 0; i < rows.length; i += 20_000) await this.ledger.appendDeltas(m, rows.slice(i, i + 20_000));
    return ids.length;
  }

  /**
   * Deletes a 広域リージョン and every count kept for it, in one transaction under the same locks
   * as a definition (writers wait, then reload the regions without it). Audited.
   */
  async remove(actor: Actor, code: string): Promise<void> {
    await this.counts.transaction(async (m) => {
      await this.lockDefinitions(m);
      if (!(await this.repository.delete(m, code))) throw new AppError(RelationshipsErrorCode.STATS_REGION_NOT_FOUND, { code });
      await this.counts.deleteScope(m, 'custom', code);
      await this.audit.record(
        { actorId: actor.userId, requestId: actor.requestId, action: 'stats.custom_region.delete', targetType: 'scope', targetId: `custom:${code}` },
        m,
      );
    });
  }
}
