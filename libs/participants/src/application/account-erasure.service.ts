import { Injectable } from '@nestjs/common';
import { OutboxService } from '@app/platform/outbox';
import { effectiveTier } from '../domain/furusato-registration';
import { ParticipantsRepository } from '../persistence/participants.repository';
import { RegistrationsRepository } from '../persistence/registrations.repository';
import { ParticipantTopics, type RegistrationWithdrawnPayload, type UserDeletedPayload } from './participants.topics';

/**
 * Reacts to account deletion: removes the profile and the consent history (personal data) and
 * withdraws active registrations as of the deletion time, publishing `registration.withdrawn`
 * so counts end that day. Withdrawn rows and the activity log keep only the opaque user id.
 * Idempotent: a second run finds nothing left to do.
 */
@Injectable()
export class AccountErasureService {
  constructor(
    private readonly participants: ParticipantsRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly outbox: OutboxService,
  ) {}

  async eraseUser(payload: UserDeletedPayload): Promise<{ withdrawn: number }> {
    const at = new Date(payload.deletedAt);
    const when = Number.isNaN(at.getTime()) ? new Date() : at;
    return this.registrations.transaction(async (m) => {
      await this.registrations.lockPerson(m, payload.userId);
      await this.participants.erasePersonalData(m, payload.userId);
      const active = await this.registrations.activeRegistrations(payload.userId, m);
      for (const reg of active) {
        const withdrawnAt = when.getTime() < reg.registeredAt.getTime() ? reg.registeredAt : when;
        const done = await this.registrations.markWithdrawn(m, payload.userId, reg.municipalityCode, withdrawnAt);
        if (!done) continue;
        const event: RegistrationWithdrawnPayload = {
          registrationId: reg.id,
          participantId: payload.userId,
          municipalityCode: reg.municipalityCode,
          tier: effectiveTier(reg.tier, reg.premiumExpiresAt, withdrawnAt),
          registeredAt: reg.registeredAt.toISOString(),
          withdrawnAt: withdrawnAt.toISOString(),
        };
        await this.outbox.publish(m, { topic: ParticipantTopics.registrationWithdrawn, key: reg.id, payload: { ...event } });
      }
      return { withdrawn: active.length };
    });
  }
}
