import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { createTestDatabase, type TestDatabase } from '@app/platform/testing';
import { IdentityModule } from '../identity.module';
import { IdentityService } from './identity.service';

describe('first admin bootstrap (race-safe)', () => {
  let db: TestDatabase;
  const modules: TestingModule[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    // Two independent "api instances" (separate connection pools) on the same database.
    for (let i = 0; i < 2; i++) {
      const m = await Test.createTestingModule({ imports: [PlatformConfigModule, PlatformDatabaseModule, IdentityModule] }).compile();
      await m.init();
      modules.push(m);
    }
  });
  afterAll(async () => {
    for (const m of modules) await m.close();
    await db.drop();
  });

  it('creates exactly one admin when instances start at the same time, and none on restart', async () => {
    const attempts = [0, 1, 2, 3, 4, 5].map((i) =>
      modules[i % 2].get(IdentityService).ensureBootstrapAdmin(`admin-${i}@example.jp`, '同時起動の管理者パスワード'),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r === 'created')).toHaveLength(1);
    expect(results.filter((r) => r === 'exists')).toHaveLength(5);
    expect(await modules[1].get(IdentityService).ensureBootstrapAdmin('admin-0@example.jp', '同時起動の管理者パスワード')).toBe('exists');
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const admins = await c.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`);
    await c.end();
    expect(admins.rows[0].n).toBe(1);
  });
});
