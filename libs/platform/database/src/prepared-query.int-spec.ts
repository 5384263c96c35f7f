import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@app/platform/testing';
import { dataSourceOptions } from './data-source.options';
import { isUniqueViolation } from './pg-errors';
import { preparedQuery } from './prepared-query';

describe('preparedQuery (integration)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource({ ...dataSourceOptions(db.url), extra: { max: 1 } }).initialize();
    await ds.query('CREATE TABLE prepared_probe (k int PRIMARY KEY, v text NOT NULL)');
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const insert = 'INSERT INTO prepared_probe (k, v) VALUES ($1, $2) RETURNING k, v';

  it('prepares once per connection and reuses the statement in later transactions', async () => {
    for (const k of [1, 2, 3]) {
      const rows = await ds.transaction((m) => preparedQuery<{ k: number; v: string }>(m, 'probe.insert', insert, [k, `v${k}`]));
      expect(rows).toEqual([{ k, v: `v${k}` }]);
    }
    // One pooled connection: the statement was parsed once and is still prepared on it.
    const prepared = await ds.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = 'probe.insert'`);
    expect(prepared).toEqual([{ n: 1 }]);
  });

  it('rolls back with its transaction and surfaces PostgreSQL errors as they are', async () => {
    await expect(
      ds.transaction(async (m) => {
        await preparedQuery(m, 'probe.insert', insert, [10, 'kept?']);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await ds.query('SELECT count(*)::int AS n FROM prepared_probe WHERE k = 10')).toEqual([{ n: 0 }]);
    const duplicate = await ds.transaction((m) => preparedQuery(m, 'probe.insert', insert, [1, 'again'])).catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate, 'prepared_probe_pkey')).toBe(true);
  });

  it('runs as an ordinary query without a transaction', async () => {
    expect(await preparedQuery(ds.manager, 'probe.insert', insert, [20, 'plain'])).toEqual([{ k: 20, v: 'plain' }]);
  });
});
