// An "api" process for fault test (1): requests REQUEST_COUNT in-app notifications in one
// transaction, prints COMMITTED and then hangs until it is SIGKILLed — it never enqueues anything.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { NotificationsCoreModule, NotificationsService } from '@app/notifications';

@Module({ imports: [PlatformConfigModule, PlatformDatabaseModule, NotificationsCoreModule] })
class RequestModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(RequestModule, { logger: ['error'] });
  const ds = app.get<DataSource>(getDataSourceToken());
  const service = app.get(NotificationsService);
  const n = Number(process.env.REQUEST_COUNT ?? 10);
  const recipient = process.env.REQUEST_RECIPIENT!;
  await ds.transaction(async (m) => {
    for (let i = 0; i < n; i++) {
      await service.request(m, {
        recipientUserId: recipient,
        eventType: 'system.announcement',
        params: { title: `お知らせ ${i}`, message: 'テスト' },
        dedupeKey: `fault1:${i}`,
        channels: ['in_app'],
      });
    }
  });
  process.stdout.write('COMMITTED\n');
  setInterval(() => undefined, 1_000);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
