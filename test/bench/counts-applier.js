// The worker's applier for bench:counts, in its own process as in production (the worker): applies
// pending relationship rows in batches until SIGTERM, then prints how many it applied.
require('../support/ts-register.js');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

async function main() {
  process.env.LOG_LEVEL = 'silent';
  process.env.DATABASE_POOL_SIZE = '2';
  const { NestFactory } = require('@nestjs/core');
  const { Module } = require('@nestjs/common');
  const { PlatformConfigModule } = require(path.join(root, 'libs/platform/config/src'));
  const { PlatformDatabaseModule } = require(path.join(root, 'libs/platform/database/src'));
  const { PlatformOutboxModule } = require(path.join(root, 'libs/platform/outbox/src'));
  const { RelationshipsCoreModule, RelationshipsService } = require(path.join(root, 'libs/relationships/src'));
  class ApplierModule {}
  Module({ imports: [PlatformConfigModule, PlatformDatabaseModule, PlatformOutboxModule, RelationshipsCoreModule] })(ApplierModule);
  const app = await NestFactory.createApplicationContext(ApplierModule, { logger: false });
  const svc = app.get(RelationshipsService);
  let stop = false;
  process.on('SIGTERM', () => (stop = true));
  let applied = 0;
  let batches = 0;
  process.send?.({ ready: true });
  while (!stop) {
    const r = await svc.applyPending(Number(process.env.COUNTS_APPLY_BATCH ?? 2000));
    applied += r.applied;
    if (r.applied > 0) batches++;
    if (r.applied < 200) await new Promise((res) => setTimeout(res, 50));
  }
  await app.close();
  process.send?.({ applied, batches });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
