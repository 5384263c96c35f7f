import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InboxService } from './application/inbox.service';
import { NotificationsAdminService } from './application/notifications-admin.service';
import { NotificationsConfig } from './application/notifications.config';
import { NotificationsService } from './application/notifications.service';
import { PreferencesService } from './application/preferences.service';
import { AdminQueuesController } from './http/admin-queues.controller';
import { AdminNotificationsController } from './http/admin-notifications.controller';
import { MeNotificationsController } from './http/me-notifications.controller';
import { NotificationsPublicController } from './http/notifications-public.controller';
import { InboxItemEntity } from './persistence/inbox-item.entity';
import { InboxRepository } from './persistence/inbox.repository';
import { NotificationDeliveryEntity } from './persistence/notification-delivery.entity';
import { NotificationPreferenceEntity } from './persistence/notification-preference.entity';
import { NotificationEntity } from './persistence/notification.entity';
import { NotificationsRepository } from './persistence/notifications.repository';
import { PreferencesRepository } from './persistence/preferences.repository';
import { WebhookEndpointEntity } from './persistence/webhook-endpoint.entity';
import { WebhookEndpointsRepository } from './persistence/webhook-endpoints.repository';

const entities = [NotificationEntity, NotificationDeliveryEntity, InboxItemEntity, NotificationPreferenceEntity, WebhookEndpointEntity];
const core = [NotificationsConfig, NotificationsRepository, InboxRepository, PreferencesRepository, WebhookEndpointsRepository, NotificationsService];

/** Writing side, shared by api and worker: `NotificationsService.request` and the repositories. */
@Module({
  imports: [TypeOrmModule.forFeature(entities)],
  providers: core,
  exports: core,
})
export class NotificationsCoreModule {}

/** API side: the inbox, preferences, unsubscribe and admin routes, plus `NotificationsService`. */
@Module({
  imports: [NotificationsCoreModule],
  controllers: [MeNotificationsController, NotificationsPublicController, AdminNotificationsController, AdminQueuesController],
  providers: [InboxService, PreferencesService, NotificationsAdminService],
  exports: [NotificationsCoreModule],
})
export class NotificationsModule {}
