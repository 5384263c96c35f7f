import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, addMonths, monthStart, type Day } from '../domain/calendar';
import type { DeltaRow } from '../domain/person-history';
import type { ScopeType, SeriesId } from '../domain/metrics';

/** Which breakdown dimension rows to read: none (''), or every dim with a prefix ('origin:'). */
export type DimFilter = { exact: string } | { prefix: string };

export interface CountCell {
  scopeCode: string;
  dim: string;
  value: number;
}

const EPOCH = '0001-01-01';
const COMPACTOR_LOCK = 0x6b616b61; // 'kaka'

function dimSql(filter: DimFilter, param: string): string {
  return 'exact' in filter ? `dim = ${param}` : `dim LIKE ${param}`;
}
function dimParam(filter: DimFilter): string {
  return 'exact' in filter ? filter.exact : `${filter.prefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/**
 * Maintained counts. A value is read from at most the monthly sums, the daily sums of the partial
 * months at the edges, and the few deltas not yet folded — never from the ledger.
 */
@Injectable()
export class CountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Sum of a series over days [from, to] (from = null: since the beginning, i.e. a point metric's
   * value on `to`) for each scope code, in one statement (one snapshot, consistent with the compactor).
   */
  async sumRange(series: SeriesId, scopeType: ScopeType, scopeCodes: string[], dims: DimFilter, from: Day | null, to: Day): Promise<CountCell[]> {
    const start = from ?? EPOCH;
    const mFrom = start === monthStart(start) ? start : addMonths(monthStart(start), 1);
    const mTo = monthStart(addDays(to, 1));
    const useMonths = mFrom < mTo;
    const a = useMonths ? mFrom : start;
    const b = useMonths ? mTo : start;
    const d = dimSql(dims, '$4');
    const rows: { scope_code: string; dim: string; value: string }[] = await this.dataSource.query(
      `SELECT scope_code, dim, sum(v)::bigint AS value FROM (
         SELECT scope_code, dim, value AS v FROM count_monthly
          WHERE series = $1 AND scope_type = $2 AND scope_code = ANY($3) AND ${d} AND month >= $7 AND month < $8
         UNION ALL
         SELECT scope_code, dim, value FROM count_daily
          WHERE series = $1 AND scope_type = $2 AND scope_code = ANY($3) AND ${d} AND day >= $5 AND day < $7
         UNION ALL
         SELECT scope_code, dim, value FROM count_daily
          WHERE series = $1 AND scope_type = $2 AND scope_code = ANY($3) AND ${d} AND day >= $8 AND day <= $6
         UNION ALL
         SELECT scope_code, dim, delta FROM count_deltas
          WHERE series = $1 AND scope_type = $2 AND scope_code = ANY($3) AND ${d} AND day >= $5 AND day <= $6
       ) x GROUP BY scope_code, dim`,
      [series, scopeType, scopeCodes, dimParam(dims), start, to, a, b],
    );
    return rows.map((r) => ({ scopeCode: r.scope_code, dim: r.dim, value: Number(r.value) }));
  }

  /**
   * Buckets of one series up to `to`: complete months as (last day of month, sum), then days of the
   * last partial month and unfolded deltas as (day, sum). A value on P is the sum of buckets ≤ P.
   */
  async buckets(series: SeriesId, scopeType: ScopeType, scopeCode: string, dim: string, to: Day): Promise<{ day: Day; value: number }[]> {
    const mTo = monthStart(addDays(to, 1));
    const rows: { day: string; value: string }[] = await this.dataSource.query(
      `SELECT day::text, sum(v)::bigint AS value FROM (
         SELECT (month + interval '1 month' - interval '1 day')::date AS day, value AS v FROM count_monthly
          WHERE series = $1 AND scope_type = $2 AND scope_code = $3 AND dim = $4 AND month < $6
         UNION ALL
         SELECT day, value FROM count_daily
          WHERE series = $1 AND scope_type = $2 AND scope_code = $3 AND dim = $4 AND day >= $6 AND day <= $5
         UNION ALL
         SELECT day, delta FROM count_deltas
          WHERE series = $1 AND scope_type = $2 AND scope_code = $3 AND dim = $4 AND day <= $5
       ) x GROUP BY day ORDER BY day`,
      [series, scopeType, scopeCode, dim, to, mTo],
    );
    return rows.map((r) => ({ day: r.day, value: Number(r.value) }));
  }

  /**
   * Folds up to `limit` appended deltas into the daily and monthly sums and deletes them, in one
   * transaction. Only one compactor runs at a time (advisory lock); writers are never blocked.
   */
  async fold(limit: number): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }]: { locked: boolean }[] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [COMPACTOR_LOCK]);
      if (!locked) return 0;
      const [{ n }]: { n: number }[] = await m.query(
        `WITH moved AS (
           DELETE FROM count_deltas WHERE id IN (SELECT id FROM count_deltas ORDER BY id LIMIT $1)
           RETURNING series, scope_type, scope_code, dim, day, delta
         ), agg AS (
           SELECT series, scope_type, scope_code, dim, day, sum(delta)::bigint AS v FROM moved GROUP BY 1, 2, 3, 4, 5
         ), daily AS (
           INSERT INTO count_daily AS t (series, scope_type, scope_code, dim, day, value)
           SELECT series, scope_type, scope_code, dim, day, v FROM agg
           ON CONFLICT ON CONSTRAINT pk_count_daily DO UPDATE SET value = t.value + EXCLUDED.value
         ), monthly AS (
           INSERT INTO count_monthly AS t (series, scope_type, scope_code, dim, month, value)
           SELECT series, scope_type, scope_code, dim, date_trunc('month', day)::date, sum(v) FROM agg GROUP BY 1, 2, 3, 4, 5
           ON CONFLICT ON CONSTRAINT pk_count_monthly DO UPDATE SET value = t.value + EXCLUDED.value
         )
         SELECT count(*)::int AS n FROM moved`,
        [limit],
      );
      return n;
    });
  }

  async pendingDeltas(): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query('SELECT count(*)::int AS n FROM count_deltas');
    return n;
  }

  /** Every stored day-level total (daily sums plus unfolded deltas), as `series|type|code|dim|day` → value. */
  async allDayTotals(): Promise<Map<string, number>> {
    const rows: { k: string; v: string }[] = await this.dataSource.query(
      `SELECT series || '|' || scope_type || '|' || scope_code || '|' || dim || '|' || day::text AS k, sum(v)::bigint AS v FROM (
         SELECT series, scope_type, scope_code, dim, day, value AS v FROM count_daily
         UNION ALL SELECT series, scope_type, scope_code, dim, day, delta FROM count_deltas
       ) x GROUP BY 1 HAVING sum(v) <> 0`,
    );
    return new Map(rows.map((r) => [r.k, Number(r.v)]));
  }

  /** Monthly sums that disagree with their daily sums (should be none). */
  async monthlyMismatches(): Promise<{ key: string; monthly: number; daily: number }[]> {
    const rows: { k: string; monthly: string; daily: string }[] = await this.dataSource.query(
      `SELECT coalesce(mo.series, da.series) || '|' || coalesce(mo.scope_type, da.scope_type) || '|' || coalesce(mo.scope_code, da.scope_code)
              || '|' || coalesce(mo.dim, da.dim) || '|' || coalesce(mo.month, da.month)::text AS k,
              coalesce(mo.value, 0) AS monthly, coalesce(da.value, 0) AS daily
         FROM count_monthly mo
         FULL JOIN (SELECT series, scope_type, scope_code, dim, date_trunc('month', day)::date AS month, sum(value)::bigint AS value
                      FROM count_daily GROUP BY 1, 2, 3, 4, 5) da
           ON da.series = mo.series AND da.scope_type = mo.scope_type AND da.scope_code = mo.scope_code AND da.dim = mo.dim AND da.month = mo.month
        WHERE coalesce(mo.value, 0) <> coalesce(da.value, 0)`,
    );
    return rows.map((r) => ({ key: r.k, monthly: Number(r.monthly), daily: Number(r.daily) }));
  }

  /**
   * Rebuild: stops the compactor (its advisory lock first, always in this order) and writers' delta
   * inserts (waiting for in-flight ones) until the transaction ends.
   */
  async lockForRebuild(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [COMPACTOR_LOCK]);
    await m.query('LOCK TABLE count_deltas IN EXCLUSIVE MODE');
  }

  /** Rebuild: replaces every maintained count with the given day totals (one transaction). */
  async replaceAll(m: EntityManager, rows: DeltaRow[]): Promise<void> {
    await m.query('DELETE FROM count_deltas');
    await m.query('DELETE FROM count_daily');
    await m.query('DELETE FROM count_monthly');
    for (let i = 0; i < rows.length; i += 20_000) {
      const chunk = rows.slice(i, i + 20_000);
      await m.query(
        `INSERT INTO count_daily (series, scope_type, scope_code, dim, day, value)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::bigint[])`,
        [chunk.map((r) => r.series), chunk.map((r) => r.scopeType), chunk.map((r) => r.scopeCode), chunk.map((r) => r.dim), chunk.map((r) => r.day), chunk.map((r) => r.delta)],
      );
    }
    await m.query(
      `INSERT INTO count_monthly (series, scope_type, scope_code, dim, month, value)
       SELECT series, scope_type, scope_code, dim, date_trunc('month', day)::date, sum(value) FROM count_daily GROUP BY 1, 2, 3, 4, 5`,
    );
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
