import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { renderNotification } from '../domain/templates';
import { NotificationsQueue } from '../jobs/notifications.jobs';
import { DigestRepository } from '../persistence/digest.repository';
import { NotificationsService } from './notifications.service';

/** Monday 09:00 Japan time. */
export const WEEKLY_DIGEST_PATTERN = '0 9 * * 1';
const MAX_ITEMS = 20;

/**
 * The weekly digest: every email folded into "digest" (by the person's preference or the rate cap)
 * since the last one goes out as a single `digest.weekly` notification. People with nothing
 * pending get nothing (no empty digests). Scheduled with a BullMQ job scheduler.
 */
@Injectable()
export class DigestService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly repository: DigestRepository,
    private readonly notifications: NotificationsService,
    @InjectQueue(NotificationsQueue.queue) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (process.env.NOTIFICATIONS_DISPATCHER === 'off') return;
    try {
      await this.queue.upsertJobScheduler(
        'notifications-weekly-digest',
        { pattern: WEEKLY_DIGEST_PATTERN, tz: 'Asia/Tokyo' },
        { name: 'notifications.weekly-digest', data: {}, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
      );
    } catch (e) {
      this.logger.warn(`weekly digest scheduler not registered: ${(e as Error).message}`);
    }
  }

  /** Sends one digest per person with pending items; returns how many digests were requested. */
  async runWeeklyDigest(): Promise<number> {
    let sent = 0;
    let after: string | null = null;
    for (;;) {
      const recipients = await this.repository.recipientsWithPending(500, after);
      if (recipients.length === 0) return sent;
      for (const recipientId of recipients) {
        const done = await this.repository.transaction(async (m) => {
          const items = await this.repository.lockPending(m, recipientId);
          if (items.length === 0) return false;
          const language = items[items.length - 1].language;
          const lines = items
            .slice(-MAX_ITEMS)
            .map((i) => `・${renderNotification(i.eventType, i.params, language).subject.replace(/^【関わり】|^\[Kakawari\] /, '')}`);
          if (items.length > MAX_ITEMS) lines.push(language === 'ja' ? `ほか${items.length - MAX_ITEMS}件` : `and ${items.length - MAX_ITEMS} more`);
          const { notificationId } = await this.notifications.request(m, {
            recipientUserId: recipientId,
            eventType: 'digest.weekly',
            params: { count: items.length, items: lines.join('\n') },
            // The same pending set yields the same key: a retried run sends one digest.
            dedupeKey: `digest:${items[items.length - 1].deliveryId}`,
          });
          if (notificationId) await this.repository.markCarried(m, items.map((i) => i.deliveryId), notificationId);
          return notificationId !== null;
        });
        if (done) sent++;
      }
      after = recipients[recipients.length - 1];
    }
  }
}
