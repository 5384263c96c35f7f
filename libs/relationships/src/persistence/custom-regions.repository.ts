import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface CustomRegionRow {
  code: string;
  name: string;
  municipalityCodes: string[];
  createdAt: Date;
}

/** Admin-defined 広域リージョン and the version writers check to refresh their region index. */
@Injectable()
export class CustomRegionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The current version. Read inside a writer's transaction, it also holds the table's ACCESS SHARE
   * lock until the end: a region definition (ACCESS EXCLUSIVE) waits for in-flight writers, and
   * writers that start later wait for it and then see the new version.
   */
  async version(m?: EntityManager): Promise<number> {
    const [row]: { version: string }[] = await (m ?? this.dataSource).query('SELECT version FROM count_custom_region_version');
    return Number(row?.version ?? 0);
  }

  async list(m?: EntityManager): Promise<CustomRegionRow[]> {
    const rows: { code: string; name: string; municipality_codes: string[]; created_at: Date }[] = await (m ?? this.dataSource).query(
      'SELECT code, name, municipality_codes, created_at FROM count_custom_regions ORDER BY code',
    );
    return rows.map((r) => ({ code: r.code, name: r.name, municipalityCodes: r.municipality_codes, createdAt: r.created_at }));
  }

  /** Blocks writers (see `version`) until the defining transaction ends. Take it first. */
  async lockForDefinition(m: EntityManager): Promise<void> {
    await m.query('LOCK TABLE count_custom_region_version IN ACCESS EXCLUSIVE MODE');
  }

  /** Inserts the region and bumps the version; false when the code exists. */
  async insert(m: EntityManager, r: { code: string; name: string; municipalityCodes: string[]; createdBy: string | null }): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO count_custom_regions (code, name, municipality_codes, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [r.code, r.name, r.municipalityCodes, r.createdBy],
    );
    if (rows.length === 0) return false;
    await m.query('UPDATE count_custom_region_version SET version = version + 1');
    return true;
  }

  /** Changes a region's name and municipalities and bumps the version; its previous row, or null when there is none. */
  async update(m: EntityManager, code: string, r: { name: string; municipalityCodes: string[] }): Promise<{ municipalityCodes: string[] } | null> {
    const rows: { municipality_codes: string[] }[] = await m.query(
      `WITH old AS (SELECT code, municipality_codes FROM count_custom_regions WHERE code = $1 FOR UPDATE),
            changed AS (UPDATE count_custom_regions c SET name = $2, municipality_codes = $3 FROM old WHERE c.code = old.code RETURNING c.code)
       SELECT old.municipality_codes FROM old JOIN changed USING (code)`,
      [code, r.name, r.municipalityCodes],
    );
    if (rows.length === 0) return null;
    await m.query('UPDATE count_custom_region_version SET version = version + 1');
    return { municipalityCodes: rows[0].municipality_codes };
  }

  /** Deletes the region and bumps the version; false when there is none with that code. */
  async delete(m: EntityManager, code: string): Promise<boolean> {
    // As a SELECT over the deleted rows: TypeORM answers a bare DELETE with [rows, count].
    const rows: unknown[] = await m.query('WITH gone AS (DELETE FROM count_custom_regions WHERE code = $1 RETURNING code) SELECT code FROM gone', [code]);
    if (rows.length === 0) return false;
    await m.query('UPDATE count_custom_region_version SET version = version + 1');
    return true;
  }

  /** Persons with any stored interval in one of the municipalities (the backfill's candidates). */
  async personIdsIn(m: EntityManager, municipalityCodes: string[]): Promise<string[]> {
    const rows: { person_id: string }[] = await m.query(
      'SELECT DISTINCT person_id::text FROM relationship_intervals WHERE municipality_code = ANY($1::text[]) ORDER BY 1',
      [municipalityCodes],
    );
    return rows.map((r) => r.person_id);
  }
}
