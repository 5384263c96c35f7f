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
    },
  };
}
