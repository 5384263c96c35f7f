import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createTestDatabase, uniqueQueuePrefix, type TestDatabase } from '@app/platform/testing';

export interface TestApi {
  app: NestFastifyApplication;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The real api (Fastify, all global conventions) on its own cloned database and queue prefix. */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = uniqueQueuePrefix();
  // The given variables hold for this api only: close() puts the previous values back.
  const previous = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const app = await createApiApp();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.drop();
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
