import { Injectable, Logger } from '@nestjs/common';
import type { OutboxJob } from '@app/platform/outbox';
import type { NotificationEventType } from '../domain/event-types';
import { NotificationsRepository } from '../persistence/notifications.repository';
import { NotificationsService } from './notifications.service';

interface ApplicationChangedPayload {
  applicationId: string;
  projectId: string;
  participantId: string;
  state: string;
  previousState?: string | null;
  projectTitle?: string;
}

const PARTICIPANT_EVENT: Record<string, NotificationEventType | undefined> = {
  accepted: 'application.accepted',
  rejected: 'application.rejected',
  waitlisted: 'application.waitlisted',
  offered: 'application.offered',
  cancelled: 'application.cancelled',
};

/**
 * Other contexts' outbox events → notification requests, each in its own transaction and keyed by
 * the source event id, so a redelivered job stores nothing twice.
 */
@Injectable()
export class NotificationEventsHandler {
  private readonly logger = new Logger(NotificationEventsHandler.name);

  constructor(
    private readonly notifications: NotificationsService,
    private readonly repository: NotificationsRepository,
  ) {}

  /** `participation.application.<state>`: the participant hears about decisions on their application. */
  async onApplicationChanged(job: OutboxJob): Promise<number> {
    const p = job.payload as unknown as ApplicationChangedPayload;
    const eventType = PARTICIPANT_EVENT[p.state];
    if (!eventType || !p.participantId) return 0;
    const r = await this.repository.transaction((m) =>
      this.notifications.request(m, {
        recipientUserId: p.participantId,
        eventType,
        params: { projectId: p.projectId, applicationId: p.applicationId, projectTitle: p.projectTitle ?? null },
        dedupeKey: `event:${job.eventId}`,
      }),
    );
    return r.notificationId ? 1 : 0;
  }

  /** Project changed: applicants are resolved through the projects/participation facades (not yet wired). */
  async onProjectChanged(job: OutboxJob): Promise<number> {
    this.logger.debug(`project change ${job.eventId}: applicant lookup not wired yet`);
    return 0;
  }

  async onProjectCancelled(job: OutboxJob): Promise<number> {
    this.logger.debug(`project cancellation ${job.eventId}: applicant lookup not wired yet`);
    return 0;
  }

  /** `participants.registration.*`: the participant (payload `participantId` or `userId`). */
  async onRegistration(job: OutboxJob, eventType: 'registration.confirmed' | 'registration.premium_granted'): Promise<number> {
    const p = job.payload as { participantId?: string; userId?: string; municipalityCode?: string; municipalityName?: string };
    const userId = p.userId ?? p.participantId;
    if (!userId) return 0;
    const r = await this.repository.transaction((m) =>
      this.notifications.request(m, {
        recipientUserId: userId,
        eventType,
        params: { municipalityCode: p.municipalityCode ?? null, municipalityName: p.municipalityName ?? null },
        dedupeKey: `event:${job.eventId}`,
      }),
    );
    return r.notificationId ? 1 : 0;
  }
}
