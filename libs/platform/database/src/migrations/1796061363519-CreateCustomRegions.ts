import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counting engine: admin-defined 広域リージョン (named sets of municipalities), counted as scope
 * type `custom` with exact distinct 実人数. `version` (one row) tells every writer its in-memory
 * region index is stale; a region defined after data exists is backfilled in its defining
 * transaction.
 */
export class CreateCustomRegions1796061363519 implements MigrationInterface {
  name = 'CreateCustomRegions1796061363519';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE count_custom_regions (
        code text NOT NULL,
        name text NOT NULL,
        municipality_codes text[] NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_count_custom_regions PRIMARY KEY (code),
        CONSTRAINT chk_count_custom_regions_code CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
        CONSTRAINT chk_count_custom_regions_members CHECK (cardinality(municipality_codes) >= 1)
      )`);
    await q.query(`
      CREATE TABLE count_custom_region_version (
        id boolean NOT NULL DEFAULT true,
        version bigint NOT NULL DEFAULT 0,
        CONSTRAINT pk_count_custom_region_version PRIMARY KEY (id),
        CONSTRAINT chk_count_custom_region_version_one CHECK (id)
      )`);
    await q.query('INSERT INTO count_custom_region_version (id, version) VALUES (true, 0)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM count_deltas WHERE scope_type = 'custom'`);
    await q.query(`DELETE FROM count_daily WHERE scope_type = 'custom'`);
    await q.query(`DELETE FROM count_monthly WHERE scope_type = 'custom'`);
    await q.query(`DELETE FROM count_running WHERE scope_type = 'custom'`);
    await q.query('DROP TABLE count_custom_region_version');
    await q.query('DROP TABLE count_custom_regions');
  }
}
