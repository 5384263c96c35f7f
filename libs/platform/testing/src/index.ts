export {
  createTestDatabase,
  createEmptyDatabase,
  dropDatabase,
  databaseUrl,
  adminUrl,
  uniqueQueuePrefix,
  TEST_TEMPLATE_DB,
} from './test-database';
export type { TestDatabase } from './test-database';
export { PrivateRedis, freePort } from './private-redis';
