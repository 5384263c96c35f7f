import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Client } from 'pg';
import { adminUrl, createEmptyDatabase, testTemplateDb } from '@app/platform/testing';
import { CliModule } from '../../apps/cli/src/cli.module';
import { DemoSeeder } from '../../apps/cli/src/demo.seeder';

/**
 * Builds the template database once per run: migrated and seeded with master data. Each
 * integration/e2e test file clones it (createTestDatabase), so files never share state.
 */
export async function buildTemplate(): Promise<void> {
  process.env.NODE_ENV = 'test';
  const url = await createEmptyDatabase(testTemplateDb());
  process.env.DATABASE_URL = url;
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const ds = app.get<DataSource>(getDataSourceToken());
    await ds.runMigrations({ transaction: 'each' });
    await app.get(DemoSeeder).run();
  } finally {
    await app.close();
  }
  // A template must have no open connections when it is cloned.
  const c = new Client({ connectionString: adminUrl() });
  await c.connect();
  await c.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [testTemplateDb()],
  );
  await c.end();
  delete process.env.DATABASE_URL;
}
