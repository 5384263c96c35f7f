// The worker's applier for bench:counts, in its own process as in production (the worker): runs
// PendingApplierService (COUNTS_APPLY_CONCURRENCY slices, COUNTS_APPLY_BATCH, COUNTS_APPLY_INTERVAL_MS)
// until SIGTERM, then reports how many rows it applied.
require('../support/ts-register.js');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

async function main() {
  process.env.LOG_LEVEL = 'silent';
  process.env.DATABASE_POOL_SIZE = '8';
  const { NestFactory } = require('@nestjs/core');
  const { Module } = require('@nestjs/common');
  const { PlatformConfigModule } = require(path.join(root, 'libs/platform/config/src'));
  const { PlatformDatabaseModule } = require(path.join(root, 'libs/platform/database/src'));
  const { PlatformOutboxModule } = require(path.join(root, 'libs/platform/outbox/src'));
  const { RelationshipsCoreModule, PendingApplierService } = require(path.join(root, 'libs/relationships/src'));
  class ApplierModule {}
  Module({ imports: [PlatformConfigModule, PlatformDatabaseModule, PlatformOutboxModule, RelationshipsCoreModule], providers: [PendingApplierService] })(ApplierModule);
  const app = await NestFactory.createApplicationContext(ApplierModule, { logger: false });
  await app.init();
  const applier = app.get(PendingApplierService);
  await new Promise((resolve) => {
    process.on('SIGTERM', resolve);
    process.send?.({ ready: true });
  });
  await app.close(); // stops the appliers after their current batch
  process.send?.({ applied: applier.applied });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
