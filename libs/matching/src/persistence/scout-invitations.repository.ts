import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ScoutInvitationEntity, type ScoutInvitationStatus } from './scout-invitation.entity';

/** Scouting invitations; every read is scoped to a project (staff) or to a participant (owner). */
@Injectable()
export class ScoutInvitationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Serializes one project's invitations, so the rate limit holds under concurrent requests. */
  async lockProject(m: EntityManager, projectId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('matching.scout:' || $1, 0))`, [projectId]);
  }

  async countSentSince(m: EntityManager, projectId: string, since: Date): Promise<number> {
    const rows: { n: number }[] = await m.query(
      'SELECT count(*)::int AS n FROM scout_invitations WHERE project_id = $1 AND created_at >= $2',
      [projectId, since],
    );
    return rows[0].n;
  }

  /** Inserts a pending invitation; null when this participant was already invited to this project. */
  async insertIfAbsent(m: EntityManager, row: { projectId: string; participantId: string; invitedBy: string; message: string | null }): Promise<ScoutInvitationEntity | null> {
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(ScoutInvitationEntity)
      .values(row)
      .orIgnore()
      .returning('*')
      .execute();
    const raw = result.raw as unknown[];
    if (raw.length === 0) return null;
    return m.getRepository(ScoutInvitationEntity).findOneByOrFail({ projectId: row.projectId, participantId: row.participantId });
  }

  listForProject(projectId: string, limit: number): Promise<ScoutInvitationEntity[]> {
    return this.dataSource
      .getRepository(ScoutInvitationEntity)
      .createQueryBuilder('i')
      .where('i.project_id = :projectId', { projectId })
      .orderBy('i.created_at', 'DESC')
      .limit(limit)
      .getMany();
  }

  invitedParticipantIds(projectId: string): Promise<string[]> {
    return this.dataSource
      .query('SELECT participant_id FROM scout_invitations WHERE project_id = $1', [projectId])
      .then((rows: { participant_id: string }[]) => rows.map((r) => r.participant_id));
  }

  listForParticipant(participantId: string, limit: number): Promise<ScoutInvitationEntity[]> {
    return this.dataSource
      .getRepository(ScoutInvitationEntity)
      .createQueryBuilder('i')
      .where('i.participant_id = :participantId', { participantId })
      .orderBy('i.created_at', 'DESC')
      .limit(limit)
      .getMany();
  }

  /**
   * Answers a pending invitation of this participant. Returns the row, or null when it is not theirs
   * or no longer pending (the caller tells which).
   */
  async answer(m: EntityManager, participantId: string, id: string, status: Exclude<ScoutInvitationStatus, 'pending'>): Promise<ScoutInvitationEntity | null> {
    const result = await m
      .createQueryBuilder()
      .update(ScoutInvitationEntity)
      .set({ status, respondedAt: () => 'now()' })
      .where(`id = :id AND participant_id = :participantId AND status = 'pending'`, { id, participantId })
      .returning('*')
      .execute();
    if ((result.raw as unknown[]).length === 0) return null;
    return m.getRepository(ScoutInvitationEntity).findOneBy({ id });
  }

  findOwn(participantId: string, id: string): Promise<ScoutInvitationEntity | null> {
    return this.dataSource.getRepository(ScoutInvitationEntity).findOneBy({ id, participantId });
  }
}
