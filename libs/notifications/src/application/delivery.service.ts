import { Inject, Injectable } from '@nestjs/common';
import { isTerminal, statusAfterFailure } from '../domain/delivery-status';
import { renderNotification } from '../domain/templates';
import { signUnsubscribeToken } from '../domain/unsubscribe-token';
import type { DeliverJobData } from '../jobs/notifications.jobs';
import { NotificationsRepository, type DeliveryToSend } from '../persistence/notifications.repository';
import { PreferencesRepository } from '../persistence/preferences.repository';
import { WebhookEndpointsRepository } from '../persistence/webhook-endpoints.repository';
import { EmailSender, PermanentDeliveryError } from './channels/email.sender';
import { WebhookSender } from './channels/webhook.sender';
import { CONTACT_DIRECTORY, type ContactDirectory } from './contact-directory';
import { NotificationsConfig } from './notifications.config';
import { InAppBatcher } from './in-app-batcher';
import { NotificationsMetrics } from './notifications.metrics';

export type DeliveryOutcome = 'delivered' | 'already_done' | 'suppressed';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Delivers one notification on one channel. Re-reads the row, exits early when it is finished,
 * records the attempt and its outcome. Throws on failure so BullMQ retries with backoff;
 * `PermanentDeliveryError` means stop now.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly preferences: PreferencesRepository,
    private readonly webhooks: WebhookEndpointsRepository,
    private readonly email: EmailSender,
    private readonly webhook: WebhookSender,
    private readonly config: NotificationsConfig,
    private readonly metrics: NotificationsMetrics,
    private readonly inApp: InAppBatcher,
    @Inject(CONTACT_DIRECTORY) private readonly contacts: ContactDirectory,
  ) {}

  async deliver(job: DeliverJobData): Promise<DeliveryOutcome> {
    if (job.channel === 'in_app') {
      const createdAt = await this.inApp.deliver(job.deliveryId);
      if (!createdAt) return this.skipped('in_app', 'already_done');
      this.delivered('in_app', createdAt);
      return 'delivered';
    }
    const row = await this.repository.findToSend(job.deliveryId);
    if (!row || isTerminal(row.status)) return this.skipped(job.channel, 'already_done');
    if (row.channel === 'email') return this.deliverEmail(row);
    return this.deliverWebhook(row);
  }

  /** Records a failed attempt; returns true when it is final (no more retries). */
  async recordFailure(job: DeliverJobData, error: unknown, attemptsMade: number, maxAttempts: number): Promise<boolean> {
    const permanent = error instanceof PermanentDeliveryError;
    const status = statusAfterFailure({ permanent, attemptsMade, maxAttempts });
    const message = error instanceof Error ? error.message : String(error);
    await this.repository.markFailed(job.deliveryId, status === 'permanent_failure' ? 'permanent_failure' : 'failed_retrying', message);
    this.metrics.failed.inc({ channel: job.channel, kind: status === 'permanent_failure' ? 'permanent' : 'retrying' });
    return status === 'permanent_failure';
  }

  private async deliverEmail(row: DeliveryToSend): Promise<DeliveryOutcome> {
    if (row.recipientKind !== 'user') throw new PermanentDeliveryError('email needs a user recipient');
    const prefs = await this.preferences.findForUser(row.recipientId);
    const pref = prefs.events[row.eventType as keyof typeof prefs.events];
    if (prefs.emailUnsubscribed || pref?.email === false) {
      await this.repository.markFinishedWithout(row.deliveryId, 'suppressed', 'email turned off by the recipient');
      return this.skipped('email', 'suppressed');
    }
    const contact = await this.contacts.getContact(row.recipientId);
    if (!contact) throw new PermanentDeliveryError('recipient has no contact (account deleted?)');
    if (!(await this.repository.markSending(row.deliveryId))) return this.skipped('email', 'already_done');
    const language = prefs.language ?? row.language;
    const { subject, body } = renderNotification(row.eventType, row.params, language);
    const token = signUnsubscribeToken(this.config.unsubscribeKey, { userId: row.recipientId, eventType: row.eventType });
    const unsubscribeUrl = `${this.config.publicBaseUrl}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
    const footer =
      language === 'ja'
        ? `このメールは関わり（Kakawari）から自動送信されています。\n配信停止: ${unsubscribeUrl}`
        : `This email was sent automatically by Kakawari.\nUnsubscribe: ${unsubscribeUrl}`;
    const greeting = contact.displayName ? (language === 'ja' ? `${contact.displayName} 様\n\n` : `Dear ${contact.displayName},\n\n`) : '';
    const text = `${greeting}${body}\n\n--\n${footer}\n`;
    const html =
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
      `<body style="font-family:sans-serif;line-height:1.6">` +
      text
        .split('\n\n')
        .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>').replace(escapeHtml(unsubscribeUrl), `<a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(unsubscribeUrl)}</a>`)}</p>`)
        .join('') +
      `</body></html>`;
    await this.email.send({
      to: contact.email,
      subject,
      text,
      html,
      messageId: `<notification-${row.notificationId}-email@kakawari>`,
      unsubscribeUrl,
    });
    await this.repository.markDelivered(row.deliveryId);
    this.delivered('email', row.createdAt);
    return 'delivered';
  }

  private async deliverWebhook(row: DeliveryToSend): Promise<DeliveryOutcome> {
    const endpoint = await this.webhooks.findForOrganization(row.recipientId);
    if (!endpoint || !endpoint.enabled) {
      await this.repository.markFinishedWithout(row.deliveryId, 'suppressed', 'organization has no enabled webhook endpoint');
      return this.skipped('webhook', 'suppressed');
    }
    if (!(await this.repository.markSending(row.deliveryId))) return this.skipped('webhook', 'already_done');
    const idempotencyKey = `notification-${row.notificationId}-webhook`;
    await this.webhook.send({
      url: endpoint.url,
      secret: endpoint.secret,
      eventType: row.eventType,
      idempotencyKey,
      body: {
        id: idempotencyKey,
        notificationId: row.notificationId,
        eventType: row.eventType,
        organizationId: row.recipientId,
        occurredAt: row.createdAt.toISOString(),
        params: row.params,
        text: renderNotification(row.eventType, row.params, 'ja'),
      },
    });
    await this.repository.markDelivered(row.deliveryId);
    this.delivered('webhook', row.createdAt);
    return 'delivered';
  }

  private delivered(channel: string, createdAt: Date): void {
    this.metrics.processed.inc({ channel, result: 'delivered' });
    this.metrics.latency.observe({ channel }, Math.max(0, (Date.now() - createdAt.getTime()) / 1000));
  }

  private skipped(channel: string, outcome: DeliveryOutcome): DeliveryOutcome {
    this.metrics.processed.inc({ channel, result: outcome });
    return outcome;
  }
}
