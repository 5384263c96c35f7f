import { Injectable } from '@nestjs/common';
import { preparedQuery } from '@app/platform/database';
import type { EntityManager } from 'typeorm';

export interface DomainEvent {
  topic: string;
  payload: Record<string, unknown>;
  /** Same (topic, key) published twice is stored once (replays, retried requests). */
  key?: string;
}

/**
 * Writes domain events in the caller's transaction, so an event exists if and only if the state
 * change committed. The worker's OutboxRelay moves them to BullMQ.
 */
@Injectable()
export class OutboxService {
  async publish(manager: EntityManager, event: DomainEvent): Promise<void> {
    await this.publishMany(manager, [event]);
  }

  async publishMany(manager: EntityManager, events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const values: unknown[] = [];
    const rows = events.map((e, i) => {
      values.push(e.topic, JSON.stringify(e.payload), e.key ?? null);
      return `($${i * 3 + 1}, $${i * 3 + 2}::jsonb, $${i * 3 + 3})`;
    });
    const text = `INSERT INTO outbox_events (topic, payload, dedupe_key) VALUES ${rows.join(', ')}
       ON CONFLICT (topic, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`;
    // One event is the common case (every apply and state change): a named prepared statement.
    if (events.length === 1) await preparedQuery(manager, 'outbox.publish_one', text, values);
    else await manager.query(text, values);
  }
}
