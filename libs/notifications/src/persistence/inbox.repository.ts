import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { updatedRows } from './notifications.repository';

export interface InboxRow {
  id: string;
  notificationId: string;
  eventType: string;
  params: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/** A person's in-app inbox. Every query takes the recipient: nobody reads another's inbox. */
@Injectable()
export class InboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Newest first by when the notification was requested (its id), not when the worker delivered
   * it: deliveries of one batch may land in any order. `beforeNotificationId` is the page cursor.
   */
  async listForRecipient(recipientId: string, limit: number, beforeNotificationId?: string, unreadOnly = false): Promise<InboxRow[]> {
    const rows: { id: string; notification_id: string; event_type: string; params: Record<string, unknown>; created_at: Date; read_at: Date | null }[] = await this.dataSource.query(
      `SELECT i.id::text AS id, i.notification_id::text AS notification_id, n.event_type, n.params, i.created_at, i.read_at
         FROM notification_inbox i JOIN notifications n ON n.id = i.notification_id
        WHERE i.recipient_id = $1 AND ($2::bigint IS NULL OR i.notification_id < $2::bigint) AND (NOT $4 OR i.read_at IS NULL)
        ORDER BY i.notification_id DESC LIMIT $3`,
      [recipientId, beforeNotificationId ?? null, limit, unreadOnly],
    );
    return rows.map((r) => ({
      id: r.id,
      notificationId: r.notification_id,
      eventType: r.event_type,
      params: r.params,
      createdAt: r.created_at,
      readAt: r.read_at,
    }));
  }

  async countUnread(recipientId: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM notification_inbox WHERE recipient_id = $1 AND read_at IS NULL`,
      [recipientId],
    );
    return row.n;
  }

  /** Marks one item read; false when the recipient has no such item. Idempotent. */
  async markRead(recipientId: string, inboxId: string): Promise<boolean> {
    const rows = updatedRows(
      await this.dataSource.query(
        `UPDATE notification_inbox SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_id = $2 RETURNING id`,
        [inboxId, recipientId],
      ),
    );
    return rows.length > 0;
  }

  async markAllRead(recipientId: string): Promise<number> {
    const res = await this.dataSource.query(
      `UPDATE notification_inbox SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL`,
      [recipientId],
    );
    return Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0;
  }

  async countForNotification(notificationId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM notification_inbox WHERE notification_id = $1`, [notificationId]);
    return row.n;
  }
}
