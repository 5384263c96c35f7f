import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One logical notification to one recipient, saved in the transaction of the change it reports. */
@Entity({ name: 'notifications' })
@Unique('uq_notifications_dedupe', ['dedupeKey', 'recipientId', 'eventType'])
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  recipientKind: 'user' | 'organization';

  @Column({ type: 'uuid' })
  recipientId: string;

  @Column({ type: 'text' })
  eventType: string;

  @Column({ type: 'jsonb', default: {} })
  params: Record<string, unknown>;

  /** Source event id or the caller's key: the same (key, recipient, type) is stored once. */
  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'text', default: 'normal' })
  urgency: 'normal' | 'urgent';

  @Column({ type: 'text', default: 'ja' })
  language: 'ja' | 'en';

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
