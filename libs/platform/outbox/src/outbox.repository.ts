import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface PendingEvent {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Locks a batch of unpublished events; concurrent relays skip each other's rows. */
  async claimBatch(m: EntityManager, limit: number): Promise<PendingEvent[]> {
    const rows: { id: string; topic: string; payload: Record<string, unknown>; created_at: Date }[] = await m.query(
      `SELECT id::text AS id, topic, payload, created_at FROM outbox_events
        WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, topic: r.topic, payload: r.payload, createdAt: r.created_at }));
  }

  async markPublished(m: EntityManager, ids: string[]): Promise<void> {
    await m.query(`UPDATE outbox_events SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [ids]);
  }

  async recordFailure(ids: string[], error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_events SET attempts = attempts + 1, last_error = left($2, 2000) WHERE id = ANY($1::bigint[])`,
      [ids, error],
    );
  }

  async countPending(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL`);
    return row.n;
  }

  /** Published events older than the retention are deleted in small batches. */
  async purgePublishedBefore(cutoff: Date, limit = 5_000): Promise<number> {
    const rows = await this.dataSource.query(
      `DELETE FROM outbox_events WHERE id IN (
         SELECT id FROM outbox_events WHERE published_at IS NOT NULL AND published_at < $1 LIMIT $2)
       RETURNING id`,
      [cutoff, limit],
    );
    return rows.length;
  }
}
