// A real notifications worker process for fault tests: the platform modules, the outbox relay and
// NotificationsWorkerModule, with the same shutdown handling as apps/worker/src/main.ts.
// Run with: node -r ./test/support/ts-register.js test/support/notifications/worker-entry.ts
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { PlatformObservabilityModule } from '@app/platform/observability';
import { OutboxRelayModule, PlatformOutboxModule } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule } from '@app/platform/queue';
import { NotificationsWorkerModule } from '@app/notifications';

@Module({
  imports: [
    PlatformConfigModule,
    PlatformDatabaseModule,
    PlatformRedisModule,
    PlatformQueueModule,
    PlatformObservabilityModule,
    PlatformOutboxModule,
    NotificationsWorkerModule,
    OutboxRelayModule.register(),
  ],
})
class FaultTestWorkerModule {}

async function main(): Promise<void> {
  process.env.KAKAWARI_PROCESS ??= 'worker';
  const app = await NestFactory.createApplicationContext(FaultTestWorkerModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.init();
  process.stdout.write('READY\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
