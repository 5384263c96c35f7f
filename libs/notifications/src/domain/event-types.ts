/**
 * Every kind of notification the platform sends. A name, once shipped, never changes: it is
 * stored on notification rows and in people's preferences.
 */
export const NOTIFICATION_EVENT_TYPES = [
  'application.received', // 応募受付 (to host staff)
  'application.accepted',
  'application.rejected',
  'application.waitlisted',
  'application.offered', // 繰り上げ: a seat was offered from the waitlist
  'application.cancelled',
  'project.changed',
  'project.cancelled',
  'project.reminder', // before the project starts
  'applications.unanswered', // staff reminder
  'digest.weekly',
  'registration.confirmed', // ふるさと住民登録
  'registration.premium_granted',
  'kpi.milestone_reached',
  'system.announcement',
  'digest.new_projects', // weekly: new projects that fit the participant's profile
  'scout.invited', // a host invited the participant (scouting)
] as const;

export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export type NotificationUrgency = 'normal' | 'urgent';
export type NotificationLanguage = 'ja' | 'en';

export function isNotificationEventType(value: string): value is NotificationEventType {
  return (NOTIFICATION_EVENT_TYPES as readonly string[]).includes(value);
}
