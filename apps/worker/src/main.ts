import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { PinoNestLogger } from '@app/platform/logging';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  process.env.KAKAWARI_PROCESS ??= 'worker';
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: new PinoNestLogger() });
  // SIGTERM/SIGINT close the BullMQ workers (active jobs finish) before the process exits.
  // useProcessExit: exit 0 once the hooks ran, instead of re-raising the signal (orchestrators expect 0).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.init();
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
