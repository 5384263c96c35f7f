import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** Open application states: these applicants hear about changes to the project. */
export const OPEN_AUDIENCE_STATES = ['applied', 'accepted', 'waitlisted'] as const;

/** Notifications' read model of project applicants, fed by participation's events. */
@Injectable()
export class AudienceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(m: EntityManager, projectId: string, userId: string, state: string): Promise<void> {
    await m.query(
      `INSERT INTO notification_project_audience (project_id, user_id, application_state) VALUES ($1, $2, $3)
       ON CONFLICT (project_id, user_id) DO UPDATE SET application_state = EXCLUDED.application_state, updated_at = now()`,
      [projectId, userId, state],
    );
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
