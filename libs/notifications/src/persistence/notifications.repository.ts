import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeliveryStatus } from '../domain/delivery-status';
import type { NotificationChannel } from '../domain/event-types';

export interface NewNotification {
  recipientKind: 'user' | 'organization';
  recipientId: string;
  eventType: string;
  params: Record<string, unknown>;
  dedupeKey: string;
  urgency: 'normal' | 'urgent';
  language: 'ja' | 'en';
}

export interface NewDelivery {
  channel: NotificationChannel;
  status: 'created' | 'digested';
  notBefore: Date;
}

export interface DeliveryRef {
  deliveryId: string;
  notificationId: string;
  channel: NotificationChannel;
}

export interface DeliveryToSend extends DeliveryRef {
  status: DeliveryStatus;
  attempts: number;
  recipientKind: 'user' | 'organization';
  recipientId: string;
  eventType: string;
  params: Record<string, unknown>;
  urgency: 'normal' | 'urgent';
  language: 'ja' | 'en';
  createdAt: Date;
}

export interface FailedDelivery extends DeliveryRef {
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  recipientKind: string;
  recipientId: string;
  eventType: string;
  updatedAt: Date;
}

/** TypeORM answers UPDATE … RETURNING with [rows, count]. */
export function updatedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** Notifications and their per-channel deliveries. SQL stays here. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Inserts the notification unless (dedupeKey, recipient, type) exists; returns its id, or null for a duplicate. */
  async insertNotification(m: EntityManager, n: NewNotification): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO notifications (recipient_kind, recipient_id, event_type, params, dedupe_key, urgency, language)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT uq_notifications_dedupe DO NOTHING RETURNING id::text AS id`,
      [n.recipientKind, n.recipientId, n.eventType, JSON.stringify(n.params), n.dedupeKey, n.urgency, n.language],
    );
    return rows[0]?.id ?? null;
  }

  async insertDeliveries(m: EntityManager, notificationId: string, deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const values: unknown[] = [];
    const rows = deliveries.map((d, i) => {
      values.push(notificationId, d.channel, d.status, d.notBefore);
      return `($${i * 4 + 1}::bigint, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}::timestamptz)`;
    });
    await m.query(
      `INSERT INTO notification_deliveries (notification_id, channel, status, not_before) VALUES ${rows.join(', ')}
       ON CONFLICT ON CONSTRAINT uq_notification_deliveries_notification_channel DO NOTHING`,
      values,
    );
  }

  /**
   * `insertNotification` for many rows in one statement. Returns the ids of the inserted ones by
   * recipient id (duplicates of an existing (dedupeKey, recipient, type) are absent). Recipients
   * must be distinct within one call.
   */
  async insertNotificationsMany(m: EntityManager, rows: NewNotification[]): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const inserted: { id: string; recipient_id: string }[] = await m.query(
      `INSERT INTO notifications (recipient_kind, recipient_id, event_type, params, dedupe_key, urgency, language)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::jsonb[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT ON CONSTRAINT uq_notifications_dedupe DO NOTHING RETURNING id::text AS id, recipient_id::text AS recipient_id`,
      [
        rows.map((r) => r.recipientKind),
        rows.map((r) => r.recipientId),
        rows.map((r) => r.eventType),
        rows.map((r) => JSON.stringify(r.params)),
        rows.map((r) => r.dedupeKey),
        rows.map((r) => r.urgency),
        rows.map((r) => r.language),
      ],
    );
    return new Map(inserted.map((r) => [r.recipient_id, r.id]));
  }

  /** Deliveries of many notifications in one statement. */
  async insertDeliveriesMany(m: EntityManager, rows: (NewDelivery & { notificationId: string })[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO notification_deliveries (notification_id, channel, status, not_before)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[])
       ON CONFLICT ON CONSTRAINT uq_notification_deliveries_notification_channel DO NOTHING`,
      [rows.map((r) => r.notificationId), rows.map((r) => r.channel), rows.map((r) => r.status), rows.map((r) => r.notBefore.toISOString())],
    );
  }

  /** `countSince` for many recipients in one query (absent = 0). */
  async countSinceMany(m: EntityManager, recipientIds: readonly string[], since: Date): Promise<Map<string, number>> {
    if (recipientIds.length === 0) return new Map();
    const rows: { recipient_id: string; n: number }[] = await m.query(
      `SELECT recipient_id::text AS recipient_id, count(*)::int AS n FROM notifications
        WHERE recipient_id = ANY($1::uuid[]) AND created_at >= $2 GROUP BY recipient_id`,
      [[...recipientIds], since],
    );
    return new Map(rows.map((r) => [r.recipient_id, r.n]));
  }

  /** How many notifications a recipient got since `since` (for the rate cap). */
  async countSince(m: EntityManager, recipientId: string, since: Date): Promise<number> {
    const [row] = await m.query(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND created_at >= $2`,
      [recipientId, since],
    );
    return row.n;
  }

  /** Locks a batch of deliveries due for enqueueing; concurrent relays skip each other's rows. */
  async claimDue(m: EntityManager, limit: number): Promise<DeliveryRef[]> {
    const rows: { id: string; notification_id: string; channel: NotificationChannel }[] = await m.query(
      `SELECT id::text AS id, notification_id::text AS notification_id, channel FROM notification_deliveries
        WHERE status = 'created' AND not_before <= clock_timestamp()
        ORDER BY not_before, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ deliveryId: r.id, notificationId: r.notification_id, channel: r.channel }));
  }

  async markQueued(m: EntityManager, deliveryIds: string[]): Promise<void> {
    await m.query(
      `UPDATE notification_deliveries SET status = 'queued', updated_at = clock_timestamp()
        WHERE id = ANY($1::bigint[]) AND status = 'created'`,
      [deliveryIds],
    );
  }

  /**
   * Unfinished deliveries untouched since `before` (their job may be lost: enqueue never happened,
   * Redis lost it). Touches them so each is swept once per timeout.
   */
  async takeStale(before: Date, limit: number): Promise<DeliveryRef[]> {
    const rows: { id: string; notification_id: string; channel: NotificationChannel }[] = updatedRows(await this.dataSource.query(
      `UPDATE notification_deliveries d SET updated_at = clock_timestamp()
        WHERE d.id IN (
          SELECT id FROM notification_deliveries
           WHERE status IN ('queued', 'sending', 'failed_retrying') AND updated_at < $1
           ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING d.id::text AS id, d.notification_id::text AS notification_id, d.channel`,
      [before, limit],
    ));
    return rows.map((r) => ({ deliveryId: r.id, notificationId: r.notification_id, channel: r.channel }));
  }

  /**
   * The whole in-app delivery in one statement: marks the delivery delivered and inserts the inbox
   * row (unique per notification). Returns null when it was already delivered (a redelivered job).
   */
  async deliverInApp(deliveryId: string): Promise<{ createdAt: Date } | null> {
    const rows: { created_at: Date }[] = await this.dataSource.query(
      `WITH d AS (
         UPDATE notification_deliveries
            SET status = 'delivered', attempts = attempts + 1, delivered_at = clock_timestamp(),
                updated_at = clock_timestamp(), last_error = NULL
          WHERE id = $1 AND channel = 'in_app' AND status NOT IN ('delivered', 'permanent_failure', 'suppressed', 'digested')
          RETURNING notification_id),
       n AS (SELECT n.id, n.recipient_id, n.created_at FROM d JOIN notifications n ON n.id = d.notification_id),
       ins AS (
         INSERT INTO notification_inbox (notification_id, recipient_id, created_at)
         SELECT id, recipient_id, created_at FROM n
         ON CONFLICT ON CONSTRAINT uq_notification_inbox_notification_id DO NOTHING)
       SELECT created_at FROM n`,
      [deliveryId],
    );
    return rows[0] ? { createdAt: rows[0].created_at } : null;
  }

  /**
   * `deliverInApp` for many deliveries in one statement (the worker's group commit). Returns the
   * deliveries it delivered now; the others were already finished.
   */
  async deliverInAppMany(deliveryIds: string[]): Promise<Map<string, Date>> {
    const rows: { delivery_id: string; created_at: Date }[] = await this.dataSource.query(
      `WITH d AS (
         UPDATE notification_deliveries
            SET status = 'delivered', attempts = attempts + 1, delivered_at = clock_timestamp(),
                updated_at = clock_timestamp(), last_error = NULL
          WHERE id = ANY($1::bigint[]) AND channel = 'in_app' AND status NOT IN ('delivered', 'permanent_failure', 'suppressed', 'digested')
          RETURNING id, notification_id),
       n AS (SELECT d.id AS delivery_id, n.id, n.recipient_id, n.created_at FROM d JOIN notifications n ON n.id = d.notification_id),
       ins AS (
         INSERT INTO notification_inbox (notification_id, recipient_id, created_at)
         SELECT id, recipient_id, created_at FROM n ORDER BY id
         ON CONFLICT ON CONSTRAINT uq_notification_inbox_notification_id DO NOTHING)
       SELECT delivery_id::text AS delivery_id, created_at FROM n`,
      [deliveryIds],
    );
    return new Map(rows.map((r) => [r.delivery_id, r.created_at]));
  }

  async findToSend(deliveryId: string): Promise<DeliveryToSend | null> {
    const rows = await this.dataSource.query(
      `SELECT d.id::text AS delivery_id, d.notification_id::text AS notification_id, d.channel, d.status, d.attempts,
              n.recipient_kind, n.recipient_id, n.event_type, n.params, n.urgency, n.language, n.created_at
         FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE d.id = $1`,
      [deliveryId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      deliveryId: r.delivery_id,
      notificationId: r.notification_id,
      channel: r.channel,
      status: r.status,
      attempts: r.attempts,
      recipientKind: r.recipient_kind,
      recipientId: r.recipient_id,
      eventType: r.event_type,
      params: r.params,
      urgency: r.urgency,
      language: r.language,
      createdAt: r.created_at,
    };
  }

  /** Marks an attempt as started; false when the delivery is already finished. */
  async markSending(deliveryId: string): Promise<boolean> {
    const rows = updatedRows(await this.dataSource.query(
      `UPDATE notification_deliveries SET status = 'sending', attempts = attempts + 1, updated_at = clock_timestamp()
        WHERE id = $1 AND status NOT IN ('delivered', 'permanent_failure', 'suppressed', 'digested') RETURNING id`,
      [deliveryId],
    ));
    return rows.length > 0;
  }

  async markDelivered(deliveryId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries SET status = 'delivered', delivered_at = clock_timestamp(), updated_at = clock_timestamp(), last_error = NULL
        WHERE id = $1 AND status <> 'delivered'`,
      [deliveryId],
    );
  }

  async markFinishedWithout(deliveryId: string, status: 'suppressed' | 'digested', reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries SET status = $2, last_error = $3, updated_at = clock_timestamp()
        WHERE id = $1 AND status NOT IN ('delivered', 'permanent_failure')`,
      [deliveryId, status, reason],
    );
  }

  async markFailed(deliveryId: string, status: 'failed_retrying' | 'permanent_failure', error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries SET status = $2, last_error = left($3, 2000), updated_at = clock_timestamp()
        WHERE id = $1 AND status <> 'delivered'`,
      [deliveryId, status, error],
    );
  }

  /** Failed deliveries, newest first (admin view). */
  async listFailures(limit: number, before?: { updatedAt: Date; id: string }): Promise<FailedDelivery[]> {
    const rows: {
      delivery_id: string;
      notification_id: string;
      channel: NotificationChannel;
      status: DeliveryStatus;
      attempts: number;
      last_error: string | null;
      updated_at: Date;
      recipient_kind: string;
      recipient_id: string;
      event_type: string;
    }[] = await this.dataSource.query(
      `SELECT d.id::text AS delivery_id, d.notification_id::text AS notification_id, d.channel, d.status, d.attempts,
              d.last_error, d.updated_at, n.recipient_kind, n.recipient_id, n.event_type
         FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE d.status IN ('failed_retrying', 'permanent_failure')
          AND ($2::timestamptz IS NULL OR (d.updated_at, d.id) < ($2::timestamptz, $3::bigint))
        ORDER BY d.updated_at DESC, d.id DESC LIMIT $1`,
      [limit, before?.updatedAt ?? null, before?.id ?? null],
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      notificationId: r.notification_id,
      channel: r.channel,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      recipientKind: r.recipient_kind,
      recipientId: r.recipient_id,
      eventType: r.event_type,
      updatedAt: r.updated_at,
    }));
  }

  /** Deliveries per status (metrics and tests). */
  async countByStatus(): Promise<Record<string, number>> {
    const rows: { status: string; n: number }[] = await this.dataSource.query(
      `SELECT status, count(*)::int AS n FROM notification_deliveries GROUP BY status`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
