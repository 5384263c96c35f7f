import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DeliveryStatus } from '../domain/delivery-status';
import type { NotificationChannel } from '../domain/event-types';

/** One notification on one channel, with its delivery status, attempts and last error. */
@Entity({ name: 'notification_deliveries' })
@Unique('uq_notification_deliveries_notification_channel', ['notificationId', 'channel'])
// Partial indexes for the relay, the sweeper and the failures list live in the migration.
@Index('idx_notification_deliveries_created', { synchronize: false })
@Index('idx_notification_deliveries_unfinished', { synchronize: false })
@Index('idx_notification_deliveries_failed', { synchronize: false })
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  notificationId: string;

  @Column({ type: 'text' })
  channel: NotificationChannel;

  @Column({ type: 'text', default: 'created' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Not sent before this time (quiet hours). */
  @Column({ type: 'timestamptz' })
  notBefore: Date;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
