import { Injectable } from '@nestjs/common';
import { ActivityRepository } from '../persistence/activity.repository';
import { ApplicationRepository } from '../persistence/application.repository';
import { ApplicationLifecycleService } from './application-lifecycle.service';

/** The participation context's facade for other contexts. */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly activities: ActivityRepository,
    private readonly applications: ApplicationRepository,
  ) {}

  /** Projects the participant has applied to, in any state (matching never recommends them again). */
  appliedProjectIds(participantId: string): Promise<string[]> {
    return this.applications.projectIdsAppliedBy(participantId);
  }

  /** `appliedProjectIds` for many participants and projects at once, as `participantId:projectId` keys. */
  appliedPairs(participantIds: readonly string[], projectIds: readonly string[]): Promise<Set<string>> {
    return this.applications.appliedPairs(participantIds, projectIds);
  }

  /** Seats taken (accepted or attended) per project; projects absent from the map have none taken. */
  seatsTakenFor(projectIds: readonly string[]): Promise<Map<string, number>> {
    return this.applications.acceptedCountsFor(projectIds);
  }

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
