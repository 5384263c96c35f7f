import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { OutboxJob } from '@app/platform/outbox';
import { JobProcessor } from '@app/platform/queue';
import type {
  ActivityVerifiedPayload,
  PremiumGrantedPayload,
  RegistrationCreatedPayload,
  RegistrationWithdrawnPayload,
} from '@app/participants';
import { RelationshipsService } from '../application/relationships.service';
import { RelationshipsQueue, type RelationshipsJobName } from './relationships.jobs';

interface UserDeletedPayload {
  userId: string;
  deletedAt: string;
}

/** Feeds outbox events into the ledger; every handler is idempotent (the ledger dedupes by source). */
@Processor(RelationshipsQueue.queue)
export class RelationshipsProcessor extends JobProcessor<RelationshipsJobName> {
  constructor(private readonly relationships: RelationshipsService) {
    super();
  }

  protected readonly handlers = {
    'relationships.registration-created': async (job: Job<OutboxJob<RegistrationCreatedPayload>>) => {
      const p = job.data.payload;
      return this.relationships.recordRegistration({
        registrationId: p.registrationId,
        userId: p.participantId,
        municipalityCode: p.municipalityCode,
        registeredAt: p.registeredAt,
      });
    },
    'relationships.registration-withdrawn': async (job: Job<OutboxJob<RegistrationWithdrawnPayload>>) => {
      const p = job.data.payload;
      return this.relationships.recordWithdrawal({
        registrationId: p.registrationId,
        userId: p.participantId,
        municipalityCode: p.municipalityCode,
        registeredAt: p.registeredAt,
        withdrawnAt: p.withdrawnAt,
      });
    },
    'relationships.premium-granted': async (job: Job<OutboxJob<PremiumGrantedPayload>>) => {
      const p = job.data.payload;
      return this.relationships.recordPremium({
        registrationId: p.registrationId,
        userId: p.participantId,
        municipalityCode: p.municipalityCode,
        grantedAt: p.grantedAt,
        expiresAt: p.expiresAt,
      });
    },
    'relationships.activity-verified': async (job: Job<OutboxJob<ActivityVerifiedPayload>>) => {
      const p = job.data.payload;
      // Asynchronous counts: ledger + pending mark now, the applier folds them in shortly after.
      return this.relationships.enqueueActivity({
        activityId: p.activityId,
        userId: p.participantId,
        municipalityCodes: p.municipalityCodes,
        verifiedAt: p.verifiedAt,
        category: (p as { category?: string | null }).category ?? null,
      });
    },
    'relationships.user-deleted': async (job: Job<OutboxJob<UserDeletedPayload>>) => {
      const p = job.data.payload;
      return this.relationships.endPerson({ userId: p.userId, deletedAt: p.deletedAt });
    },
  };
}
