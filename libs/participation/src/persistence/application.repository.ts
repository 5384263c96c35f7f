import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '@app/platform/database';
import type { ApplicationState } from '../domain/application-state';

export interface ApplicationRecord {
  id: string;
  projectId: string;
  participantId: string;
  state: ApplicationState;
  motivation: string | null;
  version: number;
  appliedAt: Date;
  acceptedAt: Date | null;
  rejectedAt: Date | null;
  waitlistedAt: Date | null;
  attendedAt: Date | null;
  noShowAt: Date | null;
  withdrawnAt: Date | null;
  cancelledAt: Date | null;
  updatedAt: Date;
}

export type ActorKind = 'participant' | 'staff' | 'system';

/**
 * Position in a list ordered by (applied_at truncated to milliseconds, id): cursors carry a JS
 * timestamp (ms), so the order uses the same precision to never skip or repeat a row.
 */
export interface ApplicationCursor {
  appliedAt: string;
  id: string;
}

const COLUMNS = `id, project_id, participant_id, state, motivation, version, applied_at, accepted_at, rejected_at,
  waitlisted_at, attended_at, no_show_at, withdrawn_at, cancelled_at, updated_at`;

/** Timestamp column written when an application enters a state. */
/**
 * The advisory lock key of "applies to project $1": applies hold it shared, the cancellation sweep
 * exclusively. hashtextextended keeps it one bigint per project (collisions only over-serialize).
 */
const APPLY_LOCK_KEY = `hashtextextended('participation.apply:' || $1::text, 0)`;

const STATE_TIMESTAMP: Record<ApplicationState, string> = {
  applied: 'applied_at',
  accepted: 'accepted_at',
  rejected: 'rejected_at',
  waitlisted: 'waitlisted_at',
  attended: 'attended_at',
  no_show: 'no_show_at',
  withdrawn: 'withdrawn_at',
  cancelled: 'cancelled_at',
};

interface Row {
  id: string;
  project_id: string;
  participant_id: string;
  state: ApplicationState;
  motivation: string | null;
  version: number;
  applied_at: Date;
  accepted_at: Date | null;
  rejected_at: Date | null;
  waitlisted_at: Date | null;
  attended_at: Date | null;
  no_show_at: Date | null;
  withdrawn_at: Date | null;
  cancelled_at: Date | null;
  updated_at: Date;
}

function toRecord(r: Row): ApplicationRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    participantId: r.participant_id,
    state: r.state,
    motivation: r.motivation,
    version: r.version,
    appliedAt: r.applied_at,
    acceptedAt: r.accepted_at,
    rejectedAt: r.rejected_at,
    waitlistedAt: r.waitlisted_at,
    attendedAt: r.attended_at,
    noShowAt: r.no_show_at,
    withdrawnAt: r.withdrawn_at,
    cancelledAt: r.cancelled_at,
    updatedAt: r.updated_at,
  };
}

/** Applications, their state history and the per-project seat counter. SQL lives here only. */
@Injectable()
export class ApplicationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Inserts an application in state `applied` with its first history row, in one statement, and
   * takes the project's apply lock in shared mode until the transaction ends (see
   * `lockProjectApplies`). Throws unique_violation `uq_applications_project_id_participant_id` on a
   * second application.
   */
  async insertApplied(
    m: EntityManager,
    input: { projectId: string; participantId: string; motivation: string | null },
  ): Promise<ApplicationRecord> {
    const rows = await preparedQuery<Row>(
      m,
      'participation.insert_applied',
      `WITH app AS (
         INSERT INTO applications (project_id, participant_id, motivation)
         SELECT $1::uuid, $2::uuid, $3::text FROM (SELECT pg_advisory_xact_lock_shared(${APPLY_LOCK_KEY})) AS apply_lock
         RETURNING ${COLUMNS}
       ), hist AS (
         INSERT INTO application_state_history (application_id, from_state, to_state, version, actor_id, actor_kind)
         SELECT id, NULL, 'applied', 1, participant_id, 'participant' FROM app
       )
       SELECT * FROM app`,
      [input.projectId, input.participantId, input.motivation],
    );
    return toRecord(rows[0]);
  }

  async findById(id: string, m?: EntityManager): Promise<ApplicationRecord | null> {
    const rows: Row[] = await (m ?? this.dataSource.manager).query(`SELECT ${COLUMNS} FROM applications WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Locks one application for a state change. */
  async findByIdForUpdate(m: EntityManager, id: string): Promise<ApplicationRecord | null> {
    const rows: Row[] = await m.query(`SELECT ${COLUMNS} FROM applications WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The participant's application to a project, locked (check-in). */
  async findOwnForProjectForUpdate(m: EntityManager, participantId: string, projectId: string): Promise<ApplicationRecord | null> {
    const rows: Row[] = await m.query(
      `SELECT ${COLUMNS} FROM applications WHERE project_id = $1 AND participant_id = $2 FOR UPDATE`,
      [projectId, participantId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findOwnForProject(participantId: string, projectId: string): Promise<ApplicationRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM applications WHERE project_id = $1 AND participant_id = $2`,
      [projectId, participantId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Applicants of one project (the caller has checked the staff scope on `projectId`). */
  async listByProject(projectId: string, after: ApplicationCursor | null, limit: number, state?: ApplicationState): Promise<ApplicationRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM applications
        WHERE project_id = $1
          AND ($2::timestamptz IS NULL OR (date_trunc('milliseconds', applied_at), id) > ($2::timestamptz, $3::uuid))
          AND ($5::text IS NULL OR state = $5)
        ORDER BY date_trunc('milliseconds', applied_at), id
        LIMIT $4`,
      [projectId, after?.appliedAt ?? null, after?.id ?? null, limit, state ?? null],
    );
    return rows.map(toRecord);
  }

  /** One participant's applications, newest first. */
  async listByParticipant(participantId: string, after: ApplicationCursor | null, limit: number): Promise<ApplicationRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM applications
        WHERE participant_id = $1
          AND ($2::timestamptz IS NULL OR (date_trunc('milliseconds', applied_at), id) < ($2::timestamptz, $3::uuid))
        ORDER BY date_trunc('milliseconds', applied_at) DESC, id DESC
        LIMIT $4`,
      [participantId, after?.appliedAt ?? null, after?.id ?? null, limit],
    );
    return rows.map(toRecord);
  }

  /**
   * Moves a locked application to `to`, stamps the state's timestamp, bumps the version and
   * appends the history row. Optimistic check on `version` as a second guard.
   */
  async transition(
    m: EntityManager,
    app: ApplicationRecord,
    to: ApplicationState,
    actor: { id: string | null; kind: ActorKind },
  ): Promise<ApplicationRecord> {
    const column = STATE_TIMESTAMP[to];
    const rows: Row[] = await m.query(
      `WITH app AS (
         UPDATE applications SET state = $2, ${column} = now(), version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $3
         RETURNING ${COLUMNS}
       ), hist AS (
         INSERT INTO application_state_history (application_id, from_state, to_state, version, actor_id, actor_kind)
         SELECT id, $4::text, state, version, $5::uuid, $6::text FROM app
       )
       SELECT * FROM app`,
      [app.id, to, app.version, app.state, actor.id, actor.kind],
    );
    if (!rows[0]) throw new Error(`application ${app.id} changed concurrently (version ${app.version})`);
    return toRecord(rows[0]);
  }

  /** The first waitlisted applicant of a project, locked; rows locked by others are skipped. */
  async firstWaitlistedForUpdate(m: EntityManager, projectId: string): Promise<ApplicationRecord | null> {
    const rows: Row[] = await m.query(
      `SELECT ${COLUMNS} FROM applications
        WHERE project_id = $1 AND state = 'waitlisted'
        ORDER BY waitlisted_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`,
      [projectId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Takes the project's apply lock exclusively until the transaction ends: waits for every apply in
   * flight on the project to commit or roll back, and holds new ones until this transaction ends.
   */
  async lockProjectApplies(m: EntityManager, projectId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(${APPLY_LOCK_KEY})`, [projectId]);
  }

  /** Every open application of a project, locked (project cancelled). */
  async openByProjectForUpdate(m: EntityManager, projectId: string): Promise<ApplicationRecord[]> {
    const rows: Row[] = await m.query(
      `SELECT ${COLUMNS} FROM applications
        WHERE project_id = $1 AND state IN ('applied', 'accepted', 'waitlisted')
        ORDER BY id
        FOR UPDATE`,
      [projectId],
    );
    return rows.map(toRecord);
  }

  /** Erases what a deleted participant wrote; returns how many applications lost their motivation. */
  async erasePersonalData(m: EntityManager, participantId: string): Promise<number> {
    const [, erased]: [unknown[], number] = await m.query(
      `UPDATE applications SET motivation = NULL WHERE participant_id = $1 AND motivation IS NOT NULL`,
      [participantId],
    );
    await m.query('DELETE FROM idempotency_keys WHERE participant_id = $1', [participantId]);
    return erased;
  }

  // ── seats ────────────────────────────────────────────────────────────────────────────────

  /**
   * Creates or refreshes a project's seat row from the projects facade and locks it. Capacity never
   * drops below the seats already taken (the projects side refuses that; this is the backstop).
   */
  async syncSeats(m: EntityManager, projectId: string, capacity: number): Promise<{ capacity: number; acceptedCount: number }> {
    const rows: { capacity: number; accepted_count: number }[] = await m.query(
      `INSERT INTO project_seats (project_id, capacity, accepted_count) VALUES ($1, $2, 0)
       ON CONFLICT (project_id) DO UPDATE
         SET capacity = GREATEST(EXCLUDED.capacity, project_seats.accepted_count), updated_at = now()
       RETURNING capacity, accepted_count`,
      [projectId, capacity],
    );
    return { capacity: rows[0].capacity, acceptedCount: rows[0].accepted_count };
  }

  /** Takes one seat if one is free: the conditional increment that keeps capacity under concurrency. */
  async claimSeat(m: EntityManager, projectId: string): Promise<boolean> {
    // TypeORM returns [rows, affectedCount] for a top-level UPDATE.
    const [, affected]: [unknown[], number] = await m.query(
      `UPDATE project_seats SET accepted_count = accepted_count + 1, updated_at = now()
        WHERE project_id = $1 AND accepted_count < capacity`,
      [projectId],
    );
    return affected === 1;
  }

  async releaseSeat(m: EntityManager, projectId: string): Promise<void> {
    await m.query(
      `UPDATE project_seats SET accepted_count = accepted_count - 1, updated_at = now()
        WHERE project_id = $1 AND accepted_count > 0`,
      [projectId],
    );
  }

  /** Recounts seats from the applications themselves (after a project is cancelled). */
  async recountSeats(m: EntityManager, projectId: string): Promise<void> {
    await m.query(
      `UPDATE project_seats SET updated_at = now(), accepted_count = (
         SELECT count(*) FROM applications WHERE project_id = $1 AND state IN ('accepted', 'attended'))
        WHERE project_id = $1`,
      [projectId],
    );
  }

  async findSeatsIn(m: EntityManager, projectId: string): Promise<{ capacity: number; acceptedCount: number } | null> {
    const rows: { capacity: number; accepted_count: number }[] = await m.query(
      'SELECT capacity, accepted_count FROM project_seats WHERE project_id = $1',
      [projectId],
    );
    return rows[0] ? { capacity: rows[0].capacity, acceptedCount: rows[0].accepted_count } : null;
  }

  /** Open applications of a participant (not locked; each is then changed in its own transaction). */
  async listOpenOfParticipant(participantId: string): Promise<ApplicationRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM applications WHERE participant_id = $1 AND state IN ('applied', 'accepted', 'waitlisted') ORDER BY id`,
      [participantId],
    );
    return rows.map(toRecord);
  }

  async findSeats(projectId: string): Promise<{ capacity: number; acceptedCount: number } | null> {
    const rows: { capacity: number; accepted_count: number }[] = await this.dataSource.query(
      'SELECT capacity, accepted_count FROM project_seats WHERE project_id = $1',
      [projectId],
    );
    return rows[0] ? { capacity: rows[0].capacity, acceptedCount: rows[0].accepted_count } : null;
  }

  /** Every project the participant has an application for, in any state (one application per project). */
  async projectIdsAppliedBy(participantId: string): Promise<string[]> {
    const rows: { project_id: string }[] = await this.dataSource.query(
      'SELECT project_id FROM applications WHERE participant_id = $1',
      [participantId],
    );
    return rows.map((r) => r.project_id);
  }

  /** (participant, project) pairs with an application in any state, among the given ones, as `participant:project`. */
  async appliedPairs(participantIds: readonly string[], projectIds: readonly string[]): Promise<Set<string>> {
    if (participantIds.length === 0 || projectIds.length === 0) return new Set();
    const rows: { k: string }[] = await this.dataSource.query(
      `SELECT participant_id::text || ':' || project_id::text AS k FROM applications
        WHERE participant_id = ANY($1::uuid[]) AND project_id = ANY($2::uuid[])`,
      [participantIds, projectIds],
    );
    return new Set(rows.map((r) => r.k));
  }

  /** Seats taken per project, for the given projects that have a seat row (others have none taken). */
  async acceptedCountsFor(projectIds: readonly string[]): Promise<Map<string, number>> {
    if (projectIds.length === 0) return new Map();
    const rows: { project_id: string; accepted_count: number }[] = await this.dataSource.query(
      'SELECT project_id, accepted_count FROM project_seats WHERE project_id = ANY($1::uuid[]) AND accepted_count > 0',
      [projectIds],
    );
    return new Map(rows.map((r) => [r.project_id, r.accepted_count]));
  }
}
