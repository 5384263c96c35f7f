import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The template database of the current jest run. The global setup picks a per-run name and
 * exports it through the environment, so concurrent runs on one PostgreSQL never clash.
 */
export function testTemplateDb(): string {
  return process.env.KAKAWARI_TEST_TEMPLATE ?? 'kakawari_test_template';
}

export function adminUrl(): string {
  return process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

async function withAdmin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function createEmptyDatabase(name: string): Promise<string> {
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  return databaseUrl(name);
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file, cloned from the migrated and seeded template that the
 * global setup built (immich's medium-test pattern). Cloning takes ~100 ms.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `kakawari_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${testTemplateDb()}"`));
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}

/** A unique BullMQ prefix so test files never see each other's jobs. */
export function uniqueQueuePrefix(): string {
  return `kt${randomBytes(4).toString('hex')}`;
}
