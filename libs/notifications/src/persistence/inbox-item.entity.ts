import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** In-app inbox row: at most one per notification, so a redelivered job cannot show it twice. */
@Entity({ name: 'notification_inbox' })
@Unique('uq_notification_inbox_notification_id', ['notificationId'])
@Index('idx_notification_inbox_recipient', ['recipientId', 'id'])
@Index('idx_notification_inbox_unread', { synchronize: false })
export class InboxItemEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  notificationId: string;

  @Column({ type: 'uuid' })
  recipientId: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
