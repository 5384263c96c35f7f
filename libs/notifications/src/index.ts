/** Notifications context: requests saved with the state change, relayed and delivered (in-app, email, webhook). */
import './notifications.errors';
export { NotificationsModule, NotificationsCoreModule } from './notifications.module';
export { NotificationsWorkerModule } from './notifications-worker.module';
export { NotificationsService } from './application/notifications.service';
export type { NotificationRequest, OrganizationNotificationRequest, RequestResult } from './application/notifications.service';
export { NotificationDispatcher } from './application/notification-dispatcher.service';
export { CONTACT_DIRECTORY } from './application/contact-directory';
export type { ContactDirectory } from './application/contact-directory';
export { NOTIFICATION_EVENT_TYPES, NOTIFICATION_CHANNELS, isNotificationEventType } from './domain/event-types';
export type { NotificationEventType, NotificationChannel, NotificationUrgency } from './domain/event-types';
export { DELIVERY_STATUSES, deliveryJobId } from './domain/delivery-status';
export type { DeliveryStatus } from './domain/delivery-status';
export { renderNotification } from './domain/templates';
export { signWebhook, verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, WEBHOOK_EVENT_HEADER, IDEMPOTENCY_KEY_HEADER } from './domain/webhook-signature';
export { NotificationsQueue, APPLICATION_STATES } from './jobs/notifications.jobs';
export type { NotificationsJobName, DeliverJobData } from './jobs/notifications.jobs';
export { NotificationsErrorCode, notificationsErrors } from './notifications.errors';
