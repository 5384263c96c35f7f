import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ApplicationState } from '../domain/application-state';

/**
 * Mappings of the participation tables (schema: migration CreateParticipation). Hot paths use
 * hand-written SQL in ParticipationRepository; these entities document the columns and let
 * TypeORM know the tables exist.
 */
@Entity({ name: 'applications' })
@Unique('uq_applications_project_id_participant_id', ['projectId', 'participantId'])
@Index('idx_applications_waitlist', { synchronize: false })
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'text' })
  state: ApplicationState;

  @Column({ type: 'text', nullable: true })
  motivation: string | null;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'timestamptz' })
  appliedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  waitlistedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  attendedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  noShowAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Seats of one project: the database refuses accepted_count > capacity (chk_project_seats_accepted_count). */
@Entity({ name: 'project_seats' })
@Check('chk_project_seats_accepted_count', 'accepted_count <= capacity AND accepted_count >= 0')
export class ProjectSeatsEntity {
  @PrimaryColumn({ type: 'uuid' })
  projectId: string;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer' })
  acceptedCount: number;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'application_state_history' })
export class ApplicationStateHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'text', nullable: true })
  fromState: ApplicationState | null;

  @Column({ type: 'text' })
  toState: ApplicationState;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorKind: 'participant' | 'staff' | 'system';

  @Column({ type: 'timestamptz' })
  occurredAt: Date;
}

@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  participantId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'check_in_codes' })
export class CheckInCodeEntity {
  @PrimaryColumn({ type: 'uuid' })
  projectId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'char', length: 64 })
  codeHash: string;

  @Column({ type: 'uuid' })
  issuedBy: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}

/** A verified activity (担い手活動): one per application, the counting engine's input. */
@Entity({ name: 'activities' })
export class ActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  applicationId: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @Column({ type: 'text', array: true })
  municipalityCodes: string[];

  @Column({ type: 'timestamptz' })
  verifiedAt: Date;

  @Column({ type: 'text' })
  verifiedBy: 'staff' | 'check_in_code';

  @Column({ type: 'uuid', nullable: true })
  verifierId: string | null;
}

export const PARTICIPATION_ENTITIES = [
  ApplicationEntity,
  ProjectSeatsEntity,
  ApplicationStateHistoryEntity,
  IdempotencyKeyEntity,
  CheckInCodeEntity,
  ActivityEntity,
];
