import type { NotificationChannel, NotificationEventType, NotificationUrgency } from './event-types';
import { nextSendTime, type QuietHours } from './quiet-hours';

/** Per event type: email on/off, digest instead of immediate email. In-app is always on. */
export interface EventPreference {
  email: boolean;
  digest: boolean;
}

export interface RecipientPreferences {
  language: 'ja' | 'en';
  events: Partial<Record<NotificationEventType, EventPreference>>;
  quietHours: QuietHours | null;
  emailUnsubscribed: boolean;
}

export const DEFAULT_PREFERENCES: RecipientPreferences = {
  language: 'ja',
  events: {},
  quietHours: null,
  emailUnsubscribed: false,
};

/** Event types that are themselves a digest are never folded into another one. */
const NOT_DIGESTIBLE: ReadonlySet<string> = new Set(['digest.weekly', 'digest.new_projects']);

export function eventPreference(prefs: RecipientPreferences, eventType: NotificationEventType): EventPreference {
  return prefs.events[eventType] ?? { email: true, digest: false };
}

export interface PlannedDelivery {
  channel: NotificationChannel;
  status: 'created' | 'digested';
  notBefore: Date;
}

/**
 * Which deliveries a new notification to a person gets: in-app always; email unless turned off,
 * folded into the digest (by preference, or when the person's rate cap is exceeded), delayed
 * past quiet hours unless urgent.
 */
export function planUserDeliveries(input: {
  prefs: RecipientPreferences;
  eventType: NotificationEventType;
  urgency: NotificationUrgency;
  now: Date;
  /** Notifications this person received in the rate-cap window, before this one. */
  recentCount: number;
  rateCap: number;
}): PlannedDelivery[] {
  const { prefs, eventType, urgency, now } = input;
  const plan: PlannedDelivery[] = [{ channel: 'in_app', status: 'created', notBefore: now }];
  const pref = eventPreference(prefs, eventType);
  if (prefs.emailUnsubscribed || !pref.email) return plan;
  const digestible = !NOT_DIGESTIBLE.has(eventType) && urgency !== 'urgent';
  if (digestible && (pref.digest || input.recentCount >= input.rateCap)) {
    plan.push({ channel: 'email', status: 'digested', notBefore: now });
    return plan;
  }
  plan.push({ channel: 'email', status: 'created', notBefore: urgency === 'urgent' ? now : nextSendTime(now, prefs.quietHours) });
  return plan;
}
