import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { OutboxJob } from '@app/platform/outbox';
import { JobProcessor } from '@app/platform/queue';
import { ApplicationLifecycleService } from '../application/application-lifecycle.service';
import { IdempotencyRepository } from '../persistence/idempotency.repository';
import { ParticipationQueue, type ParticipationJobName, type ProjectEventPayload, type UserDeletedEventPayload } from './participation.jobs';

/**
 * Reactions to the projects context. Handlers re-read the project through the facade and are
 * idempotent: a redelivered job finds nothing left to do.
 */
@Processor(ParticipationQueue.queue)
export class ParticipationProcessor extends JobProcessor<ParticipationJobName> {
  constructor(
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly idempotency: IdempotencyRepository,
  ) {
    super();
  }

  protected readonly handlers = {
    'participation.project-cancelled': async (job: Job<OutboxJob<ProjectEventPayload>>) => ({
      cancelled: await this.lifecycle.cancelOpenApplications(job.data.payload.projectId),
    }),
    'participation.project-capacity-changed': async (job: Job<OutboxJob<ProjectEventPayload>>) => ({
      seats: await this.lifecycle.syncCapacity(job.data.payload.projectId),
    }),
    'participation.user-deleted': async (job: Job<OutboxJob<UserDeletedEventPayload>>) =>
      this.lifecycle.forgetParticipant(job.data.payload.userId),
    'participation.purge-idempotency-keys': async () => {
      let purged = 0;
      for (let n = await this.idempotency.purgeExpired(); n > 0; n = await this.idempotency.purgeExpired()) purged += n;
      return { purged };
    },
  };
}

/** Schedules the hourly purge of Idempotency-Key records older than 24 h (they are ignored after that anyway). */
@Injectable()
export class ParticipationScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ParticipationScheduler.name);

  constructor(@InjectQueue(ParticipationQueue.queue) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        'participation-purge-idempotency-keys',
        { every: 3_600_000 },
        { name: 'participation.purge-idempotency-keys', data: {} },
      );
    } catch (e) {
      this.logger.warn(`idempotency purge scheduler not registered: ${(e as Error).message}`);
    }
  }
}
