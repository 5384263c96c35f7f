import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform/errors';
import { NotificationsErrorCode } from '../notifications.errors';
import { NotificationsRepository, type FailedDelivery } from '../persistence/notifications.repository';
import { WebhookEndpointsRepository } from '../persistence/webhook-endpoints.repository';

const encode = (f: FailedDelivery) => Buffer.from(`${f.updatedAt.toISOString()}|${f.deliveryId}`).toString('base64url');
function decode(cursor: string): { updatedAt: Date; id: string } {
  const [ts, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const d = new Date(ts);
  if (!id || !/^\d{1,18}$/.test(id) || Number.isNaN(d.getTime())) throw new AppError(NotificationsErrorCode.INVALID_NOTIFICATION_CURSOR);
  return { updatedAt: d, id };
}

/** Operator views: failed deliveries, municipal webhook endpoints. */
@Injectable()
export class NotificationsAdminService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly webhooks: WebhookEndpointsRepository,
  ) {}

  async failures(limit: number, cursor?: string): Promise<{ items: FailedDelivery[]; nextCursor: string | null }> {
    const rows = await this.repository.listFailures(limit + 1, cursor ? decode(cursor) : undefined);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encode(items[items.length - 1]) : null };
  }

  setWebhook(organizationId: string, input: { url: string; secret: string; enabled: boolean }): Promise<void> {
    return this.webhooks.upsert({ organizationId, ...input });
  }
}
