import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EventPreference } from '../domain/preferences';

/** A person's notification settings; absent means the defaults (Japanese, email on, no quiet hours). */
@Entity({ name: 'notification_preferences' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text', default: 'ja' })
  language: 'ja' | 'en';

  /** Per event type: { email, digest }. */
  @Column({ type: 'jsonb', default: {} })
  channels: Record<string, EventPreference>;

  @Column({ type: 'smallint', nullable: true })
  quietHoursStart: number | null;

  @Column({ type: 'smallint', nullable: true })
  quietHoursEnd: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  emailUnsubscribedAt: Date | null;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
