import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform/errors';
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from '../domain/event-types';
import { eventPreference, type EventPreference, type RecipientPreferences } from '../domain/preferences';
import { verifyUnsubscribeToken } from '../domain/unsubscribe-token';
import { NotificationsErrorCode } from '../notifications.errors';
import { PreferencesRepository } from '../persistence/preferences.repository';
import { NotificationsConfig } from './notifications.config';

export interface PreferencesView {
  language: 'ja' | 'en';
  emailEnabled: boolean;
  quietHours: { start: number; end: number } | null;
  events: { eventType: NotificationEventType; inApp: true; email: boolean; digest: boolean }[];
}

export interface PreferencesUpdate {
  language?: 'ja' | 'en';
  emailEnabled?: boolean;
  quietHours?: { start: number; end: number } | null;
  events?: { eventType: NotificationEventType; email: boolean; digest: boolean }[];
}

@Injectable()
export class PreferencesService {
  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly config: NotificationsConfig,
  ) {}

  async get(userId: string): Promise<PreferencesView> {
    return this.view(await this.preferences.findForUser(userId));
  }

  async update(userId: string, update: PreferencesUpdate): Promise<PreferencesView> {
    const current = await this.preferences.findForUser(userId);
    const events: Partial<Record<NotificationEventType, EventPreference>> = { ...current.events };
    for (const e of update.events ?? []) events[e.eventType] = { email: e.email, digest: e.digest };
    const next: RecipientPreferences = {
      language: update.language ?? current.language,
      events,
      quietHours: update.quietHours === undefined ? current.quietHours : update.quietHours,
      emailUnsubscribed: update.emailEnabled === undefined ? current.emailUnsubscribed : !update.emailEnabled,
    };
    await this.preferences.save(userId, next);
    return this.view(next);
  }

  /** The public unsubscribe link: the signed token names the person and the event type (or '*'). */
  async unsubscribe(token: string): Promise<{ eventType: string }> {
    const claim = verifyUnsubscribeToken(this.config.unsubscribeKey, token);
    if (!claim) throw new AppError(NotificationsErrorCode.INVALID_UNSUBSCRIBE_TOKEN);
    await this.preferences.unsubscribeEmail(claim.userId, claim.eventType);
    return { eventType: claim.eventType };
  }

  private view(p: RecipientPreferences): PreferencesView {
    return {
      language: p.language,
      emailEnabled: !p.emailUnsubscribed,
      quietHours: p.quietHours,
      events: NOTIFICATION_EVENT_TYPES.map((eventType) => ({ eventType, inApp: true as const, ...eventPreference(p, eventType) })),
    };
  }
}
