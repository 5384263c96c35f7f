import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '@app/platform/errors';
import { isNotificationEventType, type NotificationEventType, type NotificationUrgency } from '../domain/event-types';
import { planUserDeliveries } from '../domain/preferences';
import { NotificationsErrorCode } from '../notifications.errors';
import { NotificationsRepository, type NewDelivery } from '../persistence/notifications.repository';
import { PreferencesRepository } from '../persistence/preferences.repository';
import { NotificationsConfig } from './notifications.config';

export interface NotificationRequest {
  recipientUserId: string;
  eventType: NotificationEventType;
  /** Small scalars for the template (titles, dates, counts); never personal data of others. */
  params?: Record<string, string | number | boolean | null>;
  /** Idempotency key: the same (dedupeKey, recipient, eventType) is stored once (e.g. the source event id). */
  dedupeKey: string;
  /** Urgent notifications skip quiet hours and are never folded into a digest. */
  urgency?: NotificationUrgency;
  /** Restrict to these channels (default: in-app plus email per the person's preferences). */
  channels?: ('in_app' | 'email')[];
}

export interface OrganizationNotificationRequest {
  organizationId: string;
  eventType: NotificationEventType;
  params?: Record<string, string | number | boolean | null>;
  dedupeKey: string;
}

export interface RequestResult {
  /** null when the same request was already stored (a replayed event). */
  notificationId: string | null;
}

/**
 * The public entry point of notifications: any context calls `request` inside its own transaction,
 * so the notification exists if and only if the state change committed (GOV.UK Notify's rule).
 * The worker's dispatcher then queues and delivers it.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly preferences: PreferencesRepository,
    private readonly config: NotificationsConfig,
  ) {}

  async request(manager: EntityManager, input: NotificationRequest): Promise<RequestResult> {
    if (!isNotificationEventType(input.eventType)) {
      throw new AppError(NotificationsErrorCode.UNKNOWN_NOTIFICATION_TYPE, { eventType: input.eventType });
    }
    const urgency = input.urgency ?? 'normal';
    const prefs = await this.preferences.findForUser(input.recipientUserId, manager);
    const id = await this.notifications.insertNotification(manager, {
      recipientKind: 'user',
      recipientId: input.recipientUserId,
      eventType: input.eventType,
      params: input.params ?? {},
      dedupeKey: input.dedupeKey,
      urgency,
      language: prefs.language,
    });
    if (id === null) return { notificationId: null };
    const now = new Date();
    const recentCount = (await this.notifications.countSince(manager, input.recipientUserId, new Date(now.getTime() - 3600_000))) - 1;
    const plan = planUserDeliveries({ prefs, eventType: input.eventType, urgency, now, recentCount, rateCap: this.config.rateCapPerHour });
    const allowed = input.channels;
    await this.notifications.insertDeliveries(manager, id, allowed ? plan.filter((d) => allowed.includes(d.channel as 'in_app' | 'email')) : plan);
    return { notificationId: id };
  }

  /**
   * `request` for many people at once (fan-outs such as the weekly digest): the same rules —
   * preferences, quiet hours, rate cap, dedupe — in a constant number of statements, inside the
   * caller's transaction. Each recipient at most once per call. Returns the notification id per
   * recipient, or null for a replayed request.
   */
  async requestMany(manager: EntityManager, inputs: NotificationRequest[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    if (inputs.length === 0) return out;
    const seen = new Set<string>();
    for (const input of inputs) {
      if (!isNotificationEventType(input.eventType)) {
        throw new AppError(NotificationsErrorCode.UNKNOWN_NOTIFICATION_TYPE, { eventType: input.eventType });
      }
      if (seen.has(input.recipientUserId)) throw new Error(`requestMany: recipient ${input.recipientUserId} twice in one call`);
      seen.add(input.recipientUserId);
    }
    const ids = [...seen];
    const prefs = await this.preferences.findForUsers(ids, manager);
    const inserted = await this.notifications.insertNotificationsMany(
      manager,
      inputs.map((input) => ({
        recipientKind: 'user' as const,
        recipientId: input.recipientUserId,
        eventType: input.eventType,
        params: input.params ?? {},
        dedupeKey: input.dedupeKey,
        urgency: input.urgency ?? 'normal',
        language: prefs.get(input.recipientUserId)!.language,
      })),
    );
    const now = new Date();
    const recent = await this.notifications.countSinceMany(manager, [...inserted.keys()], new Date(now.getTime() - 3600_000));
    const deliveries: (NewDelivery & { notificationId: string })[] = [];
    for (const input of inputs) {
      const notificationId = inserted.get(input.recipientUserId) ?? null;
      out.set(input.recipientUserId, notificationId);
      if (!notificationId) continue;
      const plan = planUserDeliveries({
        prefs: prefs.get(input.recipientUserId)!,
        eventType: input.eventType,
        urgency: input.urgency ?? 'normal',
        now,
        recentCount: (recent.get(input.recipientUserId) ?? 1) - 1,
        rateCap: this.config.rateCapPerHour,
      });
      const allowed = input.channels;
      for (const d of allowed ? plan.filter((x) => allowed.includes(x.channel as 'in_app' | 'email')) : plan) deliveries.push({ ...d, notificationId });
    }
    await this.notifications.insertDeliveriesMany(manager, deliveries);
    return out;
  }

  /** A notification for a municipal system: delivered to the organization's webhook, if it has one. */
  async requestForOrganization(manager: EntityManager, input: OrganizationNotificationRequest): Promise<RequestResult> {
    if (!isNotificationEventType(input.eventType)) {
      throw new AppError(NotificationsErrorCode.UNKNOWN_NOTIFICATION_TYPE, { eventType: input.eventType });
    }
    const id = await this.notifications.insertNotification(manager, {
      recipientKind: 'organization',
      recipientId: input.organizationId,
      eventType: input.eventType,
      params: input.params ?? {},
      dedupeKey: input.dedupeKey,
      urgency: 'normal',
      language: 'ja',
    });
    if (id === null) return { notificationId: null };
    await this.notifications.insertDeliveries(manager, id, [{ channel: 'webhook', status: 'created', notBefore: new Date() }]);
    return { notificationId: id };
  }
}
