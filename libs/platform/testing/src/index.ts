export {
  createTestDatabase,
  createEmptyDatabase,
  dropDatabase,
  databaseUrl,
  adminUrl,
  uniqueQueuePrefix,
  testTemplateDb,
} from './test-database';
export type { TestDatabase } from './test-database';
export { PrivateRedis, freePort } from './private-redis';
export { eventually } from './eventually';
