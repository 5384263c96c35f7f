import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { OutboxJob } from '@app/platform/outbox';
import { JobProcessor } from '@app/platform/queue';
import { ActivityLogService } from '../application/activity-log.service';
import { AccountErasureService } from '../application/account-erasure.service';
import type { ActivityVerifiedPayload, UserDeletedPayload } from '../application/participants.topics';
import { ParticipantsQueue, type ParticipantsJobName } from './participants.jobs';

@Processor(ParticipantsQueue.queue)
export class ParticipantsProcessor extends JobProcessor<ParticipantsJobName> {
  constructor(
    private readonly activities: ActivityLogService,
    private readonly erasure: AccountErasureService,
  ) {
    super();
  }

  protected readonly handlers = {
    'participants.record-verified-activity': (job: Job<OutboxJob<ActivityVerifiedPayload>>) =>
      this.activities.recordVerifiedActivity(job.data.payload),
    'participants.erase-user': (job: Job<OutboxJob<UserDeletedPayload>>) => this.erasure.eraseUser(job.data.payload),
  };
}
