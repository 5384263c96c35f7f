import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A domain event committed with the state change that caused it; the worker relays it to BullMQ. */
@Entity({ name: 'outbox_events' })
// Partial indexes are defined in the migration.
@Index('uq_outbox_events_topic_dedupe_key', { synchronize: false })
@Index('idx_outbox_events_pending', { synchronize: false })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Optional idempotency key: publishing the same (topic, key) twice keeps the first event. */
  @Column({ type: 'text', nullable: true })
  dedupeKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
