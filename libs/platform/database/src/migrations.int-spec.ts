import { DataSource } from 'typeorm';
import { createEmptyDatabase, dropDatabase } from '@app/platform/testing';
import { dataSourceOptions } from './data-source.options';
import { migrations } from './migrations';

async function schemaSnapshot(ds: DataSource): Promise<string[]> {
  const rows: { t: string }[] = await ds.query(`
    SELECT table_name || '.' || column_name || ':' || data_type AS t FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> 'migrations'
    UNION ALL
    SELECT 'index:' || indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'migrations'
    UNION ALL
    SELECT 'constraint:' || conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE n.nspname = 'public' AND conrelid <> 'public.migrations'::regclass
    ORDER BY 1`);
  return rows.map((r) => r.t);
}

describe('migrations (integration)', () => {
  const name = `kakawari_mig_${process.pid}`;
  let ds: DataSource;

  beforeAll(async () => {
    const url = await createEmptyDatabase(name);
    ds = new DataSource(dataSourceOptions(url));
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(name);
  });

  it('migrates an empty database up, all the way down, and up again to the same schema', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(migrations.length);
    const first = await schemaSnapshot(ds);
    expect(first.length).toBeGreaterThan(0);

    for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await schemaSnapshot(ds)).toEqual([]);

    await ds.runMigrations({ transaction: 'each' });
    expect(await schemaSnapshot(ds)).toEqual(first);
  });

  it('names every constraint and index explicitly (pk_/fk_/uq_/idx_/chk_)', async () => {
    const rows: { name: string }[] = await ds.query(`
      SELECT conname AS name FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE n.nspname = 'public' AND conrelid <> 'public.migrations'::regclass AND contype <> 'n'
      UNION
      SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'migrations'`);
    const unnamed = rows.map((r) => r.name).filter((n) => !/^(pk|fk|uq|idx|chk|ex)_/.test(n));
    expect(unnamed).toEqual([]);
  });
});
