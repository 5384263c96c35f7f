import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Read model of participation's `participation.activity.verified` events: one row per activity
 * and municipality (host and each co-host), so replays insert nothing.
 */
@Entity({ name: 'participant_activity_log' })
@Index('idx_participant_activity_log_participant', { synchronize: false })
export class ParticipantActivityEntity {
  @PrimaryColumn({ type: 'text' })
  activityId: string;

  @PrimaryColumn({ type: 'char', length: 6 })
  municipalityCode: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'timestamptz' })
  verifiedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
