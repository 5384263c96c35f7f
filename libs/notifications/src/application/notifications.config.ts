import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac } from 'node:crypto';
import type { Env } from '@app/platform/config';

/** The notifications context's settings, read once from the validated environment. */
@Injectable()
export class NotificationsConfig {
  readonly smtpUrl: string;
  readonly mailFrom: string;
  readonly publicBaseUrl: string;
  readonly relayPollMs: number;
  readonly sweepIntervalMs: number;
  readonly sweepAfterMs: number;
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly rateCapPerHour: number;
  readonly webhookTimeoutMs: number;
  /** Applications in 'applied' this many days or more are in the staff's daily reminder. */
  readonly unansweredDays: number;
  /** Key of unsubscribe tokens, derived from the platform secret (no extra secret to manage). */
  readonly unsubscribeKey: string;

  constructor(config: ConfigService<Env, true>) {
    const get = <K extends keyof Env>(k: K): Env[K] => config.get(k, { infer: true });
    this.smtpUrl = get('SMTP_URL');
    this.mailFrom = get('MAIL_FROM');
    this.publicBaseUrl = get('PUBLIC_BASE_URL').replace(/\/$/, '');
    this.relayPollMs = Number(get('NOTIFICATIONS_RELAY_POLL_MS'));
    this.sweepIntervalMs = Number(get('NOTIFICATIONS_SWEEP_INTERVAL_MS'));
    this.sweepAfterMs = Number(get('NOTIFICATIONS_SWEEP_AFTER_MS'));
    this.maxAttempts = Number(get('NOTIFICATIONS_MAX_ATTEMPTS'));
    this.backoffMs = Number(get('NOTIFICATIONS_BACKOFF_MS'));
    this.rateCapPerHour = Number(get('NOTIFICATIONS_RATE_CAP_PER_HOUR'));
    this.webhookTimeoutMs = Number(get('NOTIFICATIONS_WEBHOOK_TIMEOUT_MS'));
    this.unansweredDays = Number(get('NOTIFICATIONS_UNANSWERED_DAYS') ?? 3) || 3;
    this.unsubscribeKey = createHmac('sha256', get('JWT_SECRET')).update('notifications.unsubscribe').digest('hex');
  }
}
