import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_PREFERENCES, type EventPreference, type RecipientPreferences } from '../domain/preferences';

@Injectable()
export class PreferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findForUser(userId: string, m?: EntityManager): Promise<RecipientPreferences> {
    const rows = await (m ?? this.dataSource).query(
      `SELECT language, channels, quiet_hours_start, quiet_hours_end, email_unsubscribed_at
         FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    const r = rows[0];
    if (!r) return DEFAULT_PREFERENCES;
    return {
      language: r.language,
      events: r.channels,
      quietHours: r.quiet_hours_start === null ? null : { start: r.quiet_hours_start, end: r.quiet_hours_end },
      emailUnsubscribed: r.email_unsubscribed_at !== null,
    };
  }

  /** Preferences of many users in one query (defaults for those without a row). */
  async findForUsers(userIds: readonly string[], m?: EntityManager): Promise<Map<string, RecipientPreferences>> {
    const out = new Map<string, RecipientPreferences>();
    if (userIds.length === 0) return out;
    const rows: { user_id: string; language: 'ja' | 'en'; channels: RecipientPreferences['events']; quiet_hours_start: number | null; quiet_hours_end: number | null; email_unsubscribed_at: Date | null }[] =
      await (m ?? this.dataSource).query(
        `SELECT user_id, language, channels, quiet_hours_start, quiet_hours_end, email_unsubscribed_at
           FROM notification_preferences WHERE user_id = ANY($1::uuid[])`,
        [[...userIds]],
      );
    const found = new Map(rows.map((r) => [r.user_id, r]));
    for (const id of userIds) {
      const r = found.get(id);
      out.set(
        id,
        r
          ? {
              language: r.language,
              events: r.channels,
              quietHours: r.quiet_hours_start === null ? null : { start: r.quiet_hours_start, end: r.quiet_hours_end! },
              emailUnsubscribed: r.email_unsubscribed_at !== null,
            }
          : DEFAULT_PREFERENCES,
      );
    }
    return out;
  }

  async save(userId: string, prefs: RecipientPreferences): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, language, channels, quiet_hours_start, quiet_hours_end, email_unsubscribed_at, updated_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, CASE WHEN $6 THEN now() END, now())
       ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, channels = EXCLUDED.channels,
         quiet_hours_start = EXCLUDED.quiet_hours_start, quiet_hours_end = EXCLUDED.quiet_hours_end,
         email_unsubscribed_at = CASE WHEN $6 THEN COALESCE(notification_preferences.email_unsubscribed_at, now()) END,
         updated_at = now()`,
      [userId, prefs.language, JSON.stringify(prefs.events), prefs.quietHours?.start ?? null, prefs.quietHours?.end ?? null, prefs.emailUnsubscribed],
    );
  }

  /** Turns email off for one event type (or all, '*'), keeping every other setting. */
  async unsubscribeEmail(userId: string, eventType: string): Promise<void> {
    if (eventType === '*') {
      await this.dataSource.query(
        `INSERT INTO notification_preferences (user_id, email_unsubscribed_at) VALUES ($1, now())
         ON CONFLICT (user_id) DO UPDATE SET email_unsubscribed_at = COALESCE(notification_preferences.email_unsubscribed_at, now()), updated_at = now()`,
        [userId],
      );
      return;
    }
    const off: EventPreference = { email: false, digest: false };
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, channels) VALUES ($1, jsonb_build_object($2::text, $3::jsonb))
       ON CONFLICT (user_id) DO UPDATE SET channels = notification_preferences.channels || jsonb_build_object($2::text, $3::jsonb), updated_at = now()`,
      [userId, eventType, JSON.stringify(off)],
    );
  }
}
