import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export type ScoutInvitationStatus = 'pending' | 'accepted' | 'declined';

/** A scouting invitation from a project's staff to a participant who consented to be scouted. */
@Entity({ name: 'scout_invitations' })
@Unique('uq_scout_invitations_project_participant', ['projectId', 'participantId'])
@Index('idx_scout_invitations_project_created', { synchronize: false })
@Index('idx_scout_invitations_participant_created', { synchronize: false })
export class ScoutInvitationEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' })
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @Column({ type: 'uuid' })
  participantId: string;

  @Column({ type: 'uuid' })
  invitedBy: string;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: ScoutInvitationStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;
}
