import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** Open application states: these applicants hear about changes to the project. */
export const OPEN_AUDIENCE_STATES = ['applied', 'accepted', 'waitlisted'] as const;

/** Notifications' read model of project applicants, fed by participation's events. */
@Injectable()
export class AudienceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The person's application state as of `since` (the source event's time). An older event,
   * replayed or delivered late, never overwrites a newer state; the same event twice changes nothing.
   */
  async record(m: EntityManager, projectId: string, userId: string, state: string, since: Date = new Date()): Promise<void> {
    await m.query(
      `INSERT INTO notification_project_audience (project_id, user_id, application_state, state_since) VALUES ($1, $2, $3, $4)
       ON CONFLICT (project_id, user_id) DO UPDATE SET application_state = EXCLUDED.application_state, state_since = EXCLUDED.state_since, updated_at = now()
       WHERE notification_project_audience.state_since <= EXCLUDED.state_since`,
      [projectId, userId, state, since],
    );
  }

  /** Projects with applications in 'applied' since `before` or earlier, and how many (oldest first). */
  async listUnansweredProjects(before: Date): Promise<{ projectId: string; count: number }[]> {
    const rows: { project_id: string; count: string }[] = await this.dataSource.query(
      `SELECT project_id, count(*) AS count FROM notification_project_audience
        WHERE application_state = 'applied' AND state_since <= $1
        GROUP BY project_id ORDER BY min(state_since), project_id`,
      [before],
    );
    return rows.map((r) => ({ projectId: r.project_id, count: Number(r.count) }));
  }

  async stateOf(projectId: string, userId: string): Promise<string | null> {
    const rows = await this.dataSource.query(
      `SELECT application_state FROM notification_project_audience WHERE project_id = $1 AND user_id = $2`,
      [projectId, userId],
    );
    return rows[0]?.application_state ?? null;
  }

  async listForProject(projectId: string, states: readonly string[]): Promise<{ userId: string; state: string }[]> {
    const rows: { user_id: string; application_state: string }[] = await this.dataSource.query(
      `SELECT user_id, application_state FROM notification_project_audience WHERE project_id = $1 AND application_state = ANY($2::text[]) ORDER BY user_id`,
      [projectId, states],
    );
    return rows.map((r) => ({ userId: r.user_id, state: r.application_state }));
  }
}
