import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Relationships' milestone watch: each KPI milestone (工程表 1/3/5 years) a scope's target reached,
 * recorded once so `relationships.kpi_milestone_reached` is published once. A milestone is the
 * (fiscal year, value) of the target at the time: a reset target with new milestones can fire anew.
 */
export class CreateKpiMilestonesReached1796059904943 implements MigrationInterface {
  name = 'CreateKpiMilestonesReached1796059904943';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_milestones_reached (
        scope_type text NOT NULL,
        scope_code text NOT NULL,
        metric text NOT NULL,
        fiscal_year integer NOT NULL,
        milestone_value bigint NOT NULL,
        years smallint NOT NULL,
        actual bigint NOT NULL,
        reached_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_kpi_milestones_reached PRIMARY KEY (scope_type, scope_code, metric, fiscal_year, milestone_value),
        CONSTRAINT chk_kpi_milestones_reached_years CHECK (years IN (1, 3, 5))
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE kpi_milestones_reached');
  }
}
