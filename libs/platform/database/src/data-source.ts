// Used by the TypeORM CLI (`npm run migration:generate`) against the compiled output only.
import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';

export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kakawari', {
    entities: [join(__dirname, '../../../**/persistence/*.entity.{js,ts}')],
  } as never),
);
