import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ConsentPurpose } from '../domain/consent';

/** A consent decision (grant or revoke); rows are only ever added, the history is the record. */
@Entity({ name: 'participant_consent_events' })
@Index('idx_participant_consent_events_user', { synchronize: false })
export class ConsentEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  purpose: ConsentPurpose;

  /** Null: the general decision; set: a decision for that host municipality only. */
  @Column({ type: 'char', length: 6, nullable: true })
  municipalityCode: string | null;

  @Column({ type: 'boolean' })
  granted: boolean;

  @Column({ type: 'text' })
  policyVersion: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
