import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { PlatformOutboxModule } from '@app/platform/outbox';
import { createTestDatabase, type TestDatabase } from '@app/platform/testing';
import { ProjectsDemoSeeder, ProjectsModule, ProjectsService } from '@app/projects';

@Module({ imports: [PlatformConfigModule, PlatformDatabaseModule, PlatformOutboxModule, ProjectsModule] })
class SeedTestModule {}

describe('projects demo seed (integration)', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    app = await NestFactory.createApplicationContext(SeedTestModule, { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('seeds ~50 published projects across prefectures once, findable by Japanese substrings', async () => {
    const seeder = app.get(ProjectsDemoSeeder);
    expect(await seeder.seed()).toEqual({ inserted: 50, total: 50 });
    expect(await seeder.seed()).toEqual({ inserted: 0, total: 50 });
    const ds = app.get<DataSource>(getDataSourceToken());
    const [{ n, prefs }] = await ds.query(`SELECT count(*)::int AS n, count(DISTINCT host_prefecture_code)::int AS prefs FROM projects WHERE status = 'published'`);
    expect(n).toBe(50);
    expect(prefs).toBeGreaterThanOrEqual(10);
    const soba = await app.get(ProjectsService).discover({ q: '蕎麦', limit: 20 });
    expect(soba.items.map((p) => p.title)).toEqual(['十割蕎麦打ち体験と蕎麦畑の草取り']);
    const wide = await app.get(ProjectsService).discover({ category: 'wide_area', limit: 20 });
    expect(wide.items.length).toBeGreaterThanOrEqual(3);
    expect(wide.items.every((p) => p.coHostMunicipalityCodes.length > 0)).toBe(true);
  });
});
