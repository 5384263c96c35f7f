import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 実人数 series → the 延べ series holding the same values at municipality scope (storedSeries). */
const TWINS: [real: string, cumulative: string][] = [
  ['real_persons', 'cumulative_persons'],
  ['registered_real_persons', 'registered_cumulative_persons'],
  ['activity_real_persons', 'activity_cumulative_persons'],
  ['premium_persons', 'premium_cumulative_persons'],
  ['new_real_persons', 'new_cumulative_persons'],
];
const TABLES: [table: string, dayColumn: string, valueColumn: string][] = [
  ['count_deltas', 'day', 'delta'],
  ['count_daily', 'day', 'value'],
  ['count_monthly', 'month', 'value'],
  ['count_running', 'month', 'total'],
];

/**
 * Counting engine: at municipality scope a person has one pair, so each 実人数 series equals its 延べ
 * twin there. The engine stops storing the 実人数 copies (a third fewer count rows per verified
 * activity for the applier to write) and reads the 延べ rows instead; this drops the copies already
 * stored. Down writes them back from their twins.
 */
export class DropMunicipalityRealSeries1796070371214 implements MigrationInterface {
  name = 'DropMunicipalityRealSeries1796070371214';

  public async up(q: QueryRunner): Promise<void> {
    for (const [table] of TABLES) {
      await q.query(`DELETE FROM ${table} WHERE scope_type = 'municipality' AND series = ANY($1::text[])`, [TWINS.map(([real]) => real)]);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table, day, value] of TABLES) {
      for (const [real, cumulative] of TWINS) {
        await q.query(
          `INSERT INTO ${table} (series, scope_type, scope_code, dim, ${day}, ${value})
           SELECT $1, scope_type, scope_code, dim, ${day}, ${value} FROM ${table} WHERE scope_type = 'municipality' AND series = $2`,
          [real, cumulative],
        );
      }
    }
  }
}
