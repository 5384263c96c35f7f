import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface DigestItem {
  deliveryId: string;
  eventType: string;
  params: Record<string, unknown>;
  language: 'ja' | 'en';
  createdAt: Date;
}

/** Emails folded into the digest (by preference or rate cap) and not yet carried by one. */
@Injectable()
export class DigestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async recipientsWithPending(limit: number, afterRecipient: string | null): Promise<string[]> {
    const rows: { recipient_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT n.recipient_id FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE d.status = 'digested' AND d.digest_notification_id IS NULL AND d.channel = 'email'
          AND ($2::uuid IS NULL OR n.recipient_id > $2::uuid)
        ORDER BY n.recipient_id LIMIT $1`,
      [limit, afterRecipient],
    );
    return rows.map((r) => r.recipient_id);
  }

  /** Locks the recipient's pending items so two digest runs cannot carry the same item. */
  async lockPending(m: EntityManager, recipientId: string): Promise<DigestItem[]> {
    const rows: { delivery_id: string; event_type: string; params: Record<string, unknown>; language: 'ja' | 'en'; created_at: Date }[] = await m.query(
      `SELECT d.id::text AS delivery_id, n.event_type, n.params, n.language, n.created_at
         FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.recipient_id = $1 AND d.status = 'digested' AND d.digest_notification_id IS NULL AND d.channel = 'email'
        ORDER BY d.id FOR UPDATE OF d SKIP LOCKED`,
      [recipientId],
    );
    return rows.map((r) => ({ deliveryId: r.delivery_id, eventType: r.event_type, params: r.params, language: r.language, createdAt: r.created_at }));
  }

  async markCarried(m: EntityManager, deliveryIds: string[], digestNotificationId: string): Promise<void> {
    await m.query(`UPDATE notification_deliveries SET digest_notification_id = $2 WHERE id = ANY($1::bigint[])`, [deliveryIds, digestNotificationId]);
  }
}
