import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counting engine (libs/relationships): the append-only relationship ledger, each person's derived
 * intervals, and the maintained counts (append-only day-deltas folded into daily and monthly sums).
 * Ledger, persons and intervals are keyed by person (Citus distribution column person_id).
 */
export class CreateRelationships1795825215074 implements MigrationInterface {
  name = 'CreateRelationships1795825215074';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE relationship_persons (
        person_id uuid NOT NULL,
        residence_municipality_code text,
        participant_type text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_relationship_persons PRIMARY KEY (person_id)
      )`);
    await q.query(`
      CREATE TABLE relationship_ledger (
        id bigserial NOT NULL,
        person_id uuid NOT NULL,
        kind text NOT NULL,
        basis text NOT NULL,
        tier text,
        municipality_code text NOT NULL,
        source_type text NOT NULL,
        source_id text NOT NULL,
        registration_id text,
        effective_on date NOT NULL,
        started_on date,
        expires_on date,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_relationship_ledger PRIMARY KEY (id),
        CONSTRAINT fk_relationship_ledger_person FOREIGN KEY (person_id) REFERENCES relationship_persons (person_id),
        CONSTRAINT uq_relationship_ledger_source UNIQUE (source_type, source_id, kind, municipality_code),
        CONSTRAINT chk_relationship_ledger_kind CHECK (kind IN ('registered', 'withdrawn', 'premium_granted', 'activity', 'ended')),
        CONSTRAINT chk_relationship_ledger_basis CHECK (basis IN ('registration', 'activity', 'person')),
        CONSTRAINT chk_relationship_ledger_tier CHECK (tier IS NULL OR tier IN ('basic', 'premium')),
        CONSTRAINT chk_relationship_ledger_municipality CHECK (municipality_code ~ '^[0-9]{6}$' OR (kind = 'ended' AND municipality_code = ''))
      )`);
    await q.query('CREATE INDEX idx_relationship_ledger_person ON relationship_ledger (person_id, id)');
    await q.query(`
      CREATE TABLE relationship_intervals (
        person_id uuid NOT NULL,
        family text NOT NULL,
        municipality_code text NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        CONSTRAINT pk_relationship_intervals PRIMARY KEY (person_id, family, municipality_code, valid_from),
        CONSTRAINT fk_relationship_intervals_person FOREIGN KEY (person_id) REFERENCES relationship_persons (person_id),
        CONSTRAINT chk_relationship_intervals_family CHECK (family IN ('all', 'registration', 'activity', 'premium')),
        CONSTRAINT chk_relationship_intervals_range CHECK (valid_to IS NULL OR valid_to > valid_from)
      )`);
    await q.query('CREATE INDEX idx_relationship_intervals_municipality ON relationship_intervals (municipality_code, family, valid_from)');
    // Writers only append here (no hot rows); the compactor folds and deletes rows in id order.
    await q.query(`
      CREATE TABLE count_deltas (
        id bigserial NOT NULL,
        series text NOT NULL,
        scope_type text NOT NULL,
        scope_code text NOT NULL,
        dim text NOT NULL DEFAULT '',
        day date NOT NULL,
        delta integer NOT NULL,
        CONSTRAINT pk_count_deltas PRIMARY KEY (id)
      )`);
    await q.query('CREATE INDEX idx_count_deltas_key ON count_deltas (series, scope_type, scope_code, dim, day) INCLUDE (delta)');
    await q.query(`
      CREATE TABLE count_daily (
        series text NOT NULL,
        scope_type text NOT NULL,
        scope_code text NOT NULL,
        dim text NOT NULL,
        day date NOT NULL,
        value bigint NOT NULL,
        CONSTRAINT pk_count_daily PRIMARY KEY (series, scope_type, scope_code, dim, day)
      )`);
    await q.query(`
      CREATE TABLE count_monthly (
        series text NOT NULL,
        scope_type text NOT NULL,
        scope_code text NOT NULL,
        dim text NOT NULL,
        month date NOT NULL,
        value bigint NOT NULL,
        CONSTRAINT pk_count_monthly PRIMARY KEY (series, scope_type, scope_code, dim, month),
        CONSTRAINT chk_count_monthly_month CHECK (extract(day FROM month) = 1)
      )`);
    await q.query(`
      CREATE TABLE count_targets (
        scope_type text NOT NULL,
        scope_code text NOT NULL,
        metric text NOT NULL,
        target_fiscal_year integer NOT NULL,
        target_value bigint NOT NULL,
        baseline_date date NOT NULL,
        baseline_value bigint NOT NULL DEFAULT 0,
        milestones jsonb NOT NULL DEFAULT '[]',
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_count_targets PRIMARY KEY (scope_type, scope_code, metric),
        CONSTRAINT chk_count_targets_metric CHECK (metric IN ('real_persons', 'cumulative_persons')),
        CONSTRAINT chk_count_targets_value CHECK (target_value >= 0 AND baseline_value >= 0)
      )`);
    // National targets: 実人数 10 million and 延べ人数 100 million by FY2034, from FY2025 (baseline 0).
    await q.query(`
      INSERT INTO count_targets (scope_type, scope_code, metric, target_fiscal_year, target_value, baseline_date, baseline_value)
      VALUES ('nation', 'JP', 'real_persons', 2034, 10000000, '2025-04-01', 0),
             ('nation', 'JP', 'cumulative_persons', 2034, 100000000, '2025-04-01', 0)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE count_targets');
    await q.query('DROP TABLE count_monthly');
    await q.query('DROP TABLE count_daily');
    await q.query('DROP TABLE count_deltas');
    await q.query('DROP TABLE relationship_intervals');
    await q.query('DROP TABLE relationship_ledger');
    await q.query('DROP TABLE relationship_persons');
  }
}
