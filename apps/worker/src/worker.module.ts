import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { PlatformLoggingModule } from '@app/platform/logging';
import { PlatformObservabilityModule } from '@app/platform/observability';
import { OutboxRelayModule, PlatformOutboxModule } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule, SystemQueue } from '@app/platform/queue';
import { ParticipantsWorkerModule } from '@app/participants';
import { NotificationsWorkerModule } from '@app/notifications';
import { RelationshipsWorkerModule } from '@app/relationships';
import { ParticipationWorkerModule } from '@app/participation';
import { SystemProcessor } from './system.processor';
import { WorkerHealthServer } from './worker-health.server';

/** Worker process: BullMQ processors and schedulers only, no controllers. */
@Module({
  imports: [
    DiscoveryModule,
    PlatformConfigModule,
    PlatformLoggingModule,
    PlatformDatabaseModule,
    PlatformRedisModule,
    PlatformQueueModule,
    PlatformObservabilityModule,
    PlatformOutboxModule,
    ParticipationWorkerModule,
    NotificationsWorkerModule,
    ParticipantsWorkerModule,
    RelationshipsWorkerModule,
    // Registered last: it reads the topic subscriptions every context's jobs file declared on import.
    OutboxRelayModule.register(),
    BullModule.registerQueue({ name: SystemQueue.queue }),
  ],
  providers: [SystemProcessor, WorkerHealthServer],
})
export class WorkerModule {}
