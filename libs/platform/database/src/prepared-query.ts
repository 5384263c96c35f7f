import type { EntityManager } from 'typeorm';

interface PgClient {
  query<R>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/**
 * Runs `text` as a named prepared statement on the connection of `manager`'s transaction:
 * PostgreSQL parses and plans it once per pooled connection, later executions only bind and
 * execute. For hot statements whose planning is a noticeable part of their cost (a multi-CTE
 * insert); `name` must always stand for the same `text` (node-postgres refuses a name reused for
 * another text). Outside a transaction it borrows a pooled connection for the one statement (which
 * PostgreSQL then commits on its own). Errors are node-postgres' own (`isUniqueViolation` and friends read them as they are), and TypeORM's query
 * logging does not see the statement.
 */
export async function preparedQuery<R>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<R[]> {
  const runner = manager.queryRunner;
  if (runner && !runner.isReleased) return run<R>(await runner.connect(), name, text, values);
  const own = manager.connection.createQueryRunner();
  try {
    return await run<R>(await own.connect(), name, text, values);
  } finally {
    await own.release();
  }
}

async function run<R>(client: unknown, name: string, text: string, values: unknown[]): Promise<R[]> {
  return (await (client as PgClient).query<R>({ name, text, values })).rows;
}
