import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { IdentityModule, IdentityService } from '@app/identity';
import { EmailSender } from './application/channels/email.sender';
import { WebhookSender } from './application/channels/webhook.sender';
import { CONTACT_DIRECTORY } from './application/contact-directory';
import { InAppBatcher } from './application/in-app-batcher';
import { DeliveryService } from './application/delivery.service';
import { NotificationDispatcher } from './application/notification-dispatcher.service';
import { NotificationEventsHandler } from './application/notification-events.handler';
import { NotificationsMetrics } from './application/notifications.metrics';
import { NotificationsQueue } from './jobs/notifications.jobs';
import { NotificationsProcessor } from './jobs/notifications.processor';
import { NotificationsCoreModule } from './notifications.module';

/** Worker side: relay + sweeper, the delivery processor and the channels (no controllers). */
@Module({
  imports: [NotificationsCoreModule, IdentityModule, BullModule.registerQueue({ name: NotificationsQueue.queue })],
  providers: [
    NotificationsMetrics,
    EmailSender,
    WebhookSender,
    InAppBatcher,
    DeliveryService,
    NotificationEventsHandler,
    NotificationDispatcher,
    NotificationsProcessor,
    { provide: CONTACT_DIRECTORY, useExisting: IdentityService },
  ],
  exports: [NotificationDispatcher],
})
export class NotificationsWorkerModule {}
