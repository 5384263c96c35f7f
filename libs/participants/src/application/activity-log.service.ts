import { Injectable, Logger } from '@nestjs/common';
import { RegistrationsRepository } from '../persistence/registrations.repository';
import type { ActivityVerifiedPayload } from './participants.topics';

/**
 * Keeps this context's read model of verified activities (from participation's outbox events),
 * so premium eligibility is counted without reading participation's tables. Idempotent.
 */
@Injectable()
export class ActivityLogService {
  private readonly logger = new Logger(ActivityLogService.name);

  constructor(private readonly registrations: RegistrationsRepository) {}

  async recordVerifiedActivity(payload: ActivityVerifiedPayload): Promise<{ inserted: number }> {
    const verifiedAt = new Date(payload.verifiedAt);
    const codes = [...new Set(payload.municipalityCodes ?? [])].filter((c) => /^\d{6}$/.test(c));
    if (!payload.activityId || !payload.participantId || codes.length === 0 || Number.isNaN(verifiedAt.getTime())) {
      // A malformed event cannot become valid by retrying: log it and drop it.
      this.logger.warn(`ignoring malformed activity.verified event ${payload.activityId ?? '?'}`);
      return { inserted: 0 };
    }
    const inserted = await this.registrations.recordActivities(
      codes.map((municipalityCode) => ({ activityId: String(payload.activityId), participantId: payload.participantId, municipalityCode, verifiedAt })),
    );
    return { inserted };
  }
}
