import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, addMonths, monthStart, type Day } from '../domain/calendar';
import type { DeltaRow } from '../domain/person-history';
import { storedSeries, type ScopeType, type SeriesId } from '../domain/metrics';

/** Which breakdown dimension rows to read: none (''), or every dim with a prefix ('origin:'). */
export type DimFilter = { exact: string } | { prefix: string };

export interface CountCell {
  scopeCode: string;
  dim: string;
  value: number;
}

const EPOCH = '0001-01-01';
/** Every table holding maintained counts. */
const COUNT_TABLES = ['count_deltas', 'count_daily', 'count_monthly', 'count_running'] as const;
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
   * Exact dims: R(to) − R(from − 1), each R read from one running-total row, one partial month of
   * daily sums and the unfolded deltas. Prefix dims (breakdowns): monthly + daily sums.
   */
  async sumRange(asked: SeriesId, scopeType: ScopeType, scopeCodes: string[], dims: DimFilter, from: Day | null, to: Day): Promise<CountCell[]> {
    const series = storedSeries(asked, scopeType);
    if ('exact' in dims) {
      const rows = await this.pointTotals(
        scopeCodes.map((code) => ({ series, scopeType, scopeCode: code, dim: dims.exact, from, to })),
      );
      return rows.map((v, i) => ({ scopeCode: scopeCodes[i], dim: dims.exact, value: v }));
    }
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
   * Many (series, scope, dim, [from,] to) sums in one statement: each is R(to) − R(from − 1), where
   * R(D) = the running total of the latest month before D's month + daily sums of D's month up to D
   * + unfolded deltas up to D. Index probes only; cost does not grow with the history.
   */
  async pointTotals(keys: { series: SeriesId; scopeType: ScopeType; scopeCode: string; dim: string; from: Day | null; to: Day }[]): Promise<number[]> {
    if (keys.length === 0) return [];
    // b = first day not covered by complete months: monthStart(D), or the next month when D is a
    // month's last day (then the running total alone answers and no daily row is read).
    const r = (alias: string, dayExpr: string) => `(
        coalesce((SELECT r.total FROM count_running r WHERE r.series = k.series AND r.scope_type = k.scope_type AND r.scope_code = k.scope_code
                    AND r.dim = k.dim AND r.month < date_trunc('month', ${dayExpr} + 1)::date ORDER BY r.month DESC LIMIT 1), 0)
      + CASE WHEN date_trunc('month', ${dayExpr} + 1)::date > ${dayExpr} THEN 0 ELSE
        coalesce((SELECT sum(d.value) FROM count_daily d WHERE d.series = k.series AND d.scope_type = k.scope_type AND d.scope_code = k.scope_code
                    AND d.dim = k.dim AND d.day >= date_trunc('month', ${dayExpr} + 1)::date AND d.day <= ${dayExpr}), 0) END
      + coalesce((SELECT sum(x.delta) FROM count_deltas x WHERE x.series = k.series AND x.scope_type = k.scope_type AND x.scope_code = k.scope_code
                    AND x.dim = k.dim AND x.day <= ${dayExpr}), 0)) AS ${alias}`;
    const rows: { i: number; hi: string; lo: string | null }[] = await this.dataSource.query(
      `SELECT k.i, ${r('hi', 'k.to_day')},
              CASE WHEN k.from_day IS NULL THEN 0 ELSE ${r('lo_x', '(k.from_day - 1)').replace(/ AS lo_x$/, '')} END AS lo
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[]) WITH ORDINALITY
              AS k(series, scope_type, scope_code, dim, from_day, to_day, i)
        ORDER BY k.i`,
      [
        keys.map((k) => storedSeries(k.series, k.scopeType)),
        keys.map((k) => k.scopeType),
        keys.map((k) => k.scopeCode),
        keys.map((k) => k.dim),
        keys.map((k) => k.from),
        keys.map((k) => k.to),
      ],
    );
    return rows.map((row) => Number(row.hi) - Number(row.lo ?? 0));
  }

  /**
   * One series' value on `day` for many scopes of one type (a scope's children): one running-total
   * probe per scope, then the partial month's daily sums and the unfolded deltas as two index range
   * reads over all the scopes at once (no per-scope correlated subqueries). Missing scopes are 0.
   */
  async valuesOn(asked: SeriesId, scopeType: ScopeType, scopeCodes: string[], dim: string, day: Day): Promise<Map<string, number>> {
    const series = storedSeries(asked, scopeType);
    const out = new Map<string, number>(scopeCodes.map((c) => [c, 0]));
    if (scopeCodes.length === 0) return out;
    const b = monthStart(addDays(day, 1)); // first day the running totals (complete months) do not cover
    const parts = [
      `SELECT c.code AS scope_code, (SELECT r.total FROM count_running r WHERE r.series = $1 AND r.scope_type = $2 AND r.scope_code = c.code
                AND r.dim = $4 AND r.month < $5::date ORDER BY r.month DESC LIMIT 1) AS v FROM unnest($3::text[]) AS c(code)`,
      `SELECT scope_code, sum(delta) FROM count_deltas WHERE series = $1 AND scope_type = $2 AND scope_code = ANY($3::text[]) AND dim = $4
          AND day <= $6::date GROUP BY scope_code`,
    ];
    // the days of `day`'s month up to `day` (none when `day` ends its month)
    if (b <= day) {
      parts.push(`SELECT scope_code, sum(value) FROM count_daily WHERE series = $1 AND scope_type = $2 AND scope_code = ANY($3::text[]) AND dim = $4
          AND day >= $5::date AND day <= $6::date GROUP BY scope_code`);
    }
    const rows: { scope_code: string; v: string | null }[] = await this.dataSource.query(parts.join(' UNION ALL '), [series, scopeType, scopeCodes, dim, b, day]);
    for (const r of rows) if (r.v !== null) out.set(r.scope_code, (out.get(r.scope_code) ?? 0) + Number(r.v));
    return out;
  }

  /**
   * Buckets of one series up to `to`: complete months as (last day of month, sum), then days of the
   * last partial month and unfolded deltas as (day, sum). A value on P is the sum of buckets ≤ P.
   */
  async buckets(asked: SeriesId, scopeType: ScopeType, scopeCode: string, dim: string, to: Day): Promise<{ day: Day; value: number }[]> {
    const series = storedSeries(asked, scopeType);
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
      await m.query(
        `CREATE TEMP TABLE fold_agg ON COMMIT DROP AS
         WITH moved AS (
           DELETE FROM count_deltas WHERE id IN (SELECT id FROM count_deltas ORDER BY id LIMIT $1)
           RETURNING series, scope_type, scope_code, dim, day, delta
         )
         SELECT series, scope_type, scope_code, dim, day, sum(delta)::bigint AS v, count(*)::int AS n FROM moved GROUP BY 1, 2, 3, 4, 5`,
        [limit],
      );
      const [{ n }]: { n: number }[] = await m.query('SELECT coalesce(sum(n), 0)::int AS n FROM fold_agg');
      if (n === 0) return 0;
      await m.query(
        `INSERT INTO count_daily AS t (series, scope_type, scope_code, dim, day, value)
         SELECT series, scope_type, scope_code, dim, day, v FROM fold_agg
         ON CONFLICT ON CONSTRAINT pk_count_daily DO UPDATE SET value = t.value + EXCLUDED.value`,
      );
      await m.query(
        `CREATE TEMP TABLE fold_month ON COMMIT DROP AS
         SELECT series, scope_type, scope_code, dim, date_trunc('month', day)::date AS month, sum(v)::bigint AS v FROM fold_agg GROUP BY 1, 2, 3, 4, 5`,
      );
      await m.query(
        `INSERT INTO count_monthly AS t (series, scope_type, scope_code, dim, month, value)
         SELECT series, scope_type, scope_code, dim, month, v FROM fold_month
         ON CONFLICT ON CONSTRAINT pk_count_monthly DO UPDATE SET value = t.value + EXCLUDED.value`,
      );
      // Running totals: a month without a row yet starts from the previous month's total…
      await m.query(
        `INSERT INTO count_running (series, scope_type, scope_code, dim, month, total)
         SELECT f.series, f.scope_type, f.scope_code, f.dim, f.month,
                coalesce((SELECT r.total FROM count_running r WHERE r.series = f.series AND r.scope_type = f.scope_type
                            AND r.scope_code = f.scope_code AND r.dim = f.dim AND r.month < f.month ORDER BY r.month DESC LIMIT 1), 0)
           FROM fold_month f
         ON CONFLICT ON CONSTRAINT pk_count_running DO NOTHING`,
      );
      // …then every total from the delta's month on grows by it.
      await m.query(
        `UPDATE count_running t SET total = t.total + inc.v FROM (
           SELECT r.series, r.scope_type, r.scope_code, r.dim, r.month, sum(f.v)::bigint AS v
             FROM fold_month f JOIN count_running r ON r.series = f.series AND r.scope_type = f.scope_type
                  AND r.scope_code = f.scope_code AND r.dim = f.dim AND r.month >= f.month
            GROUP BY 1, 2, 3, 4, 5
         ) inc
         WHERE t.series = inc.series AND t.scope_type = inc.scope_type AND t.scope_code = inc.scope_code AND t.dim = inc.dim AND t.month = inc.month`,
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

  /** Running totals that disagree with the cumulative monthly sums (should be none). */
  async runningMismatches(): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (
         SELECT series, scope_type, scope_code, dim, month,
                sum(value) OVER (PARTITION BY series, scope_type, scope_code, dim ORDER BY month) AS total FROM count_monthly
       ) e FULL JOIN count_running r USING (series, scope_type, scope_code, dim, month)
       WHERE e.total IS DISTINCT FROM r.total`,
    );
    return n;
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

  /** Drops every maintained count of one scope (a deleted admin-defined region). Caller holds `lockForRebuild`. */
  async deleteScope(m: EntityManager, scopeType: ScopeType, scopeCode: string): Promise<void> {
    for (const table of COUNT_TABLES) {
      await m.query(`DELETE FROM ${table} WHERE scope_type = $1 AND scope_code = $2`, [scopeType, scopeCode]);
    }
  }

  /** Rebuild: replaces every maintained count with the given day totals (one transaction). */
  async replaceAll(m: EntityManager, rows: DeltaRow[]): Promise<void> {
    for (const table of COUNT_TABLES) await m.query(`DELETE FROM ${table}`);
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
    await m.query(
      `INSERT INTO count_running (series, scope_type, scope_code, dim, month, total)
       SELECT series, scope_type, scope_code, dim, month, sum(value) OVER (PARTITION BY series, scope_type, scope_code, dim ORDER BY month)
         FROM count_monthly`,
    );
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
