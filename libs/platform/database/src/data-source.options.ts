import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

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
    extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), application_name: process.env.KAKAWARI_PROCESS ?? 'kakawari' },
    ...extra,
  } as DataSourceOptions;
}
