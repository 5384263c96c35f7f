import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counting engine: sparse running totals per series, scope and month (sum of every day ≤ the end
 * of that month). A count on day D reads one row (the latest month before D's month) plus at most
 * one month of daily sums, whatever the length of the history.
 */
export class AddCountRunningTotals1795826768476 implements MigrationInterface {
  name = 'AddCountRunningTotals1795826768476';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE count_running (
        series text NOT NULL,
        scope_type text NOT NULL,
        scope_code text NOT NULL,
        dim text NOT NULL,
        month date NOT NULL,
        total bigint NOT NULL,
        CONSTRAINT pk_count_running PRIMARY KEY (series, scope_type, scope_code, dim, month),
        CONSTRAINT chk_count_running_month CHECK (extract(day FROM month) = 1)
      )`);
    await q.query(`
      INSERT INTO count_running (series, scope_type, scope_code, dim, month, total)
      SELECT series, scope_type, scope_code, dim, month,
             sum(value) OVER (PARTITION BY series, scope_type, scope_code, dim ORDER BY month)
        FROM count_monthly`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE count_running');
  }
}
