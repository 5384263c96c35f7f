import { Client } from 'pg';

/** Drops this run's template database, and templates left behind by runs that were killed. */
export default async function globalTeardown(): Promise<void> {
  const client = new Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    const own = process.env.KAKAWARI_TEST_TEMPLATE;
    if (own) await client.query(`DROP DATABASE IF EXISTS "${own}" WITH (FORCE)`);
    // Templates of runs whose process no longer exists.
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'kakawari\\_tpl\\_%'`);
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[2]);
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
      if (!alive) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
