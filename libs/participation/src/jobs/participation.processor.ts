import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { OutboxJob } from '@app/platform/outbox';
import { JobProcessor } from '@app/platform/queue';
import { ApplicationLifecycleService } from '../application/application-lifecycle.service';
import { ParticipationQueue, type ParticipationJobName, type ProjectEventPayload } from './participation.jobs';

/**
 * Reactions to the projects context. Handlers re-read the project through the facade and are
 * idempotent: a redelivered job finds nothing left to do.
 */
@Processor(ParticipationQueue.queue)
export class ParticipationProcessor extends JobProcessor<ParticipationJobName> {
  constructor(private readonly lifecycle: ApplicationLifecycleService) {
    super();
  }

  protected readonly handlers = {
    'participation.project-cancelled': async (job: Job<OutboxJob<ProjectEventPayload>>) => ({
      cancelled: await this.lifecycle.cancelOpenApplications(job.data.payload.projectId),
    }),
    'participation.project-capacity-changed': async (job: Job<OutboxJob<ProjectEventPayload>>) => ({
      seats: await this.lifecycle.syncCapacity(job.data.payload.projectId),
    }),
  };
}
