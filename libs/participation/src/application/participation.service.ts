import { Injectable } from '@nestjs/common';
import { ActivityRepository } from '../persistence/activity.repository';
import { ApplicationLifecycleService } from './application-lifecycle.service';

/** The participation context's facade for other contexts. */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly activities: ActivityRepository,
  ) {}

  /**
   * Account deletion: withdraws every open application of the participant (seats they held go to
   * the waitlist; events are published). Returns how many were withdrawn.
   */
  withdrawAllOpenApplications(participantId: string): Promise<number> {
    return this.lifecycle.withdrawAllOf(participantId);
  }

  /** Verified activities of a person with a municipality (host or co-host) since `since` (premium tier). */
  countVerifiedActivities(participantId: string, municipalityCode: string, since: Date): Promise<number> {
    return this.activities.countForParticipantAndMunicipality(participantId, municipalityCode, since);
  }
}
