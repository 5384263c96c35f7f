import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { IdentityModule, IdentityService } from '@app/identity';
import { MatchingModule } from '@app/matching';
import { OrganizationsModule } from '@app/organizations';
import { ParticipantsModule } from '@app/participants';
import { ProjectsModule } from '@app/projects';
import { RegionsModule } from '@app/regions';
import { EmailSender } from './application/channels/email.sender';
import { WebhookSender } from './application/channels/webhook.sender';
import { CONTACT_DIRECTORY } from './application/contact-directory';
import { InAppBatcher } from './application/in-app-batcher';
import { DigestService } from './application/digest.service';
import { ProjectDigestService } from './application/project-digest.service';
import { ReminderPlanner } from './application/reminder-planner.service';
import { UnansweredReminderService } from './application/unanswered-reminder.service';
import { AudienceRepository } from './persistence/audience.repository';
import { DigestRepository } from './persistence/digest.repository';
import { DeliveryService } from './application/delivery.service';
import { NotificationDispatcher } from './application/notification-dispatcher.service';
import { NotificationEventsHandler } from './application/notification-events.handler';
import { NotificationsMetrics } from './application/notifications.metrics';
import { NotificationsQueue } from './jobs/notifications.jobs';
import { NotificationsProcessor } from './jobs/notifications.processor';
import { NotificationsCoreModule } from './notifications.module';

/** Worker side: relay + sweeper, the delivery processor and the channels (no controllers). */
@Module({
  imports: [NotificationsCoreModule, IdentityModule, OrganizationsModule, ProjectsModule, RegionsModule, ParticipantsModule, MatchingModule, BullModule.registerQueue({ name: NotificationsQueue.queue })],
  providers: [
    NotificationsMetrics,
    EmailSender,
    WebhookSender,
    InAppBatcher,
    DeliveryService,
    AudienceRepository,
    DigestRepository,
    ReminderPlanner,
    DigestService,
    ProjectDigestService,
    UnansweredReminderService,
    NotificationEventsHandler,
    NotificationDispatcher,
    NotificationsProcessor,
    { provide: CONTACT_DIRECTORY, useExisting: IdentityService },
  ],
  exports: [NotificationDispatcher, DigestService, ProjectDigestService, ReminderPlanner, UnansweredReminderService],
})
export class NotificationsWorkerModule {}
