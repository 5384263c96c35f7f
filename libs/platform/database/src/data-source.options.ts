import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * Connections per process (api, worker, CLI) unless DATABASE_POOL_SIZE says otherwise. A request
 * holds a connection for its whole transaction, and a write transaction mostly waits for its
 * commit's WAL flush; more transactions in flight share flushes (group commit). bench:apply (50 HTTP
 * connections, shared 2-core machine, runs alternated): 530, 632, 545 req/s with 10 connections;
 * 693, 733, 687 with 20.
 * Budget against PostgreSQL's max_connections (100 by default, a few reserved for superusers):
 * api + worker at 20 each leave room for a second api replica during a rolling deploy, the CLI
 * and psql. Connections are opened on demand and closed after 10 s idle. Tests pin 10
 * (test/setup/env.ts): many test processes share one server.
 */
export const DEFAULT_DATABASE_POOL_SIZE = 20;

function poolSize(): number {
  const raw = process.env.DATABASE_POOL_SIZE;
  if (raw === undefined || raw === '') return DEFAULT_DATABASE_POOL_SIZE;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1) throw new Error(`DATABASE_POOL_SIZE must be a positive integer, got "${raw}"`);
  return size;
}

/** Options shared by the Nest module, the CLI and the test harness. Never `synchronize`. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'migration'],
    extra: { max: poolSize(), application_name: process.env.KAKAWARI_PROCESS ?? 'kakawari' },
    ...extra,
  } as DataSourceOptions;
}
