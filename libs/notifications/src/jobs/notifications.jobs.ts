import { subscribeToTopic } from '@app/platform/outbox';
import { defineQueue } from '@app/platform/queue';

/**
 * The notifications queue. `notifications.deliver` sends one delivery (one notification on one
 * channel, job id `notification-<id>-<channel>`); the `notifications.on-*` jobs turn other
 * contexts' outbox events into notification requests. Names never change once shipped.
 */
export const NotificationsQueue = defineQueue('notifications', [
  'notifications.deliver',
  'notifications.on-application-changed',
  'notifications.on-project-changed',
  'notifications.on-project-cancelled',
  'notifications.on-registration-created',
  'notifications.on-premium-granted',
  'notifications.project-reminder',
  'notifications.weekly-digest',
  'notifications.unanswered-reminder',
  'notifications.project-digest-batch',
  'notifications.on-scout-invited',
  'notifications.on-kpi-milestone-reached',
] as const);
export type NotificationsJobName = (typeof NotificationsQueue.jobs)[number];

/** Job data of `notifications.deliver`: ids only; the handler re-reads the row. */
export interface DeliverJobData {
  deliveryId: string;
  notificationId: string;
  channel: 'in_app' | 'email' | 'webhook';
}

/** Job data of `notifications.project-reminder` (job id `project-reminder-<projectId>-<userId>`). */
export interface ProjectReminderJobData {
  projectId: string;
  userId: string;
  /** The start time the reminder was planned for; a moved project makes this job a no-op. */
  startsAt: string;
}

/**
 * Job data of `notifications.project-digest-batch` (job id `project-digest-<week>-<first user id>`):
 * the digest week and window, and up to 500 recipient ids — no profiles, no texts.
 */
export interface ProjectDigestBatchJobData {
  week: string;
  since: string;
  until: string;
  userIds: string[];
}

/** Application states published by participation as `participation.application.<state>`. */
export const SUBSCRIBED_APPLICATION_STATES = ['applied', 'accepted', 'rejected', 'waitlisted', 'withdrawn', 'cancelled', 'attended', 'no_show'] as const;

for (const state of SUBSCRIBED_APPLICATION_STATES) {
  subscribeToTopic({ topic: `participation.application.${state}`, queue: NotificationsQueue.queue, jobName: 'notifications.on-application-changed' });
}
subscribeToTopic({ topic: 'projects.project.changed', queue: NotificationsQueue.queue, jobName: 'notifications.on-project-changed' });
subscribeToTopic({ topic: 'projects.project.cancelled', queue: NotificationsQueue.queue, jobName: 'notifications.on-project-cancelled' });
subscribeToTopic({ topic: 'participants.registration.created', queue: NotificationsQueue.queue, jobName: 'notifications.on-registration-created' });
subscribeToTopic({ topic: 'participants.registration.premium_granted', queue: NotificationsQueue.queue, jobName: 'notifications.on-premium-granted' });
// Topic names as published by matching (SCOUT_INVITATION_CREATED_TOPIC) and relationships (milestone watch).
subscribeToTopic({ topic: 'matching.invitation.created', queue: NotificationsQueue.queue, jobName: 'notifications.on-scout-invited' });
subscribeToTopic({ topic: 'relationships.kpi_milestone_reached', queue: NotificationsQueue.queue, jobName: 'notifications.on-kpi-milestone-reached' });

/** Worker options from the environment (read when the processor class is declared). */
export function notificationsWorkerOptions(env: NodeJS.ProcessEnv = process.env) {
  const int = (name: string, dflt: number) => {
    const v = Number(env[name]);
    return Number.isFinite(v) && v > 0 ? v : dflt;
  };
  return {
    concurrency: int('NOTIFICATIONS_CONCURRENCY', 50),
    stalledInterval: int('NOTIFICATIONS_STALLED_INTERVAL_MS', 30_000),
    lockDuration: int('NOTIFICATIONS_LOCK_DURATION_MS', 30_000),
    maxStalledCount: 5,
  };
}
