import request from 'supertest';
import { Client } from 'pg';
import type { TestApi } from './api-app';

export const API = '/api/v1';

export interface ProjectInput {
  title?: string;
  description?: string;
  hostMunicipalityCode: string;
  coHostMunicipalityCodes?: string[];
  capacity?: number;
  /** Milliseconds from now; default 7 days. */
  deadlineInMs?: number;
}

/** A project created and published by staff over HTTP (the projects context's own routes). */
export async function createPublishedProject(api: TestApi, staffToken: string, input: ProjectInput): Promise<{ id: string; title: string }> {
  const now = Date.now();
  const deadline = new Date(now + (input.deadlineInMs ?? 7 * 24 * 3600 * 1000));
  const startsAt = new Date(deadline.getTime() + 24 * 3600 * 1000);
  const endsAt = new Date(startsAt.getTime() + 8 * 3600 * 1000);
  const title = input.title ?? `里山の草刈りボランティア ${Math.random().toString(36).slice(2, 8)}`;
  const created = await request(api.app.getHttpServer())
    .post(`${API}/projects`)
    .set('authorization', `Bearer ${staffToken}`)
    .send({
      title,
      description: input.description ?? '地域の皆さんと一緒に里山を整備します。初心者歓迎。',
      hostMunicipalityCode: input.hostMunicipalityCode,
      coHostMunicipalityCodes: input.coHostMunicipalityCodes ?? [],
      category: 'people_flow',
      tags: ['農業'],
      requiredSkills: [],
      mode: 'onsite',
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      applicationDeadline: deadline.toISOString(),
      capacity: input.capacity ?? 10,
      compensation: 'volunteer',
    });
  if (created.status !== 201) throw new Error(`project create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await request(api.app.getHttpServer())
    .post(`${API}/projects/${created.body.id}/publish`)
    .set('authorization', `Bearer ${staffToken}`);
  if (published.status !== 200) throw new Error(`project publish failed: ${published.status} ${JSON.stringify(published.body)}`);
  return { id: created.body.id as string, title };
}

/** A direct connection to the test file's database, for assertions on rows and outbox events. */
export async function connectDb(api: TestApi): Promise<Client> {
  const client = new Client({ connectionString: api.db.url });
  await client.connect();
  return client;
}

/** Row counts of the participation tables (to assert that a refused request wrote nothing). */
export async function participationCounts(db: Client): Promise<Record<string, number>> {
  const { rows } = await db.query(`
    SELECT (SELECT count(*)::int FROM applications) AS applications,
           (SELECT count(*)::int FROM application_state_history) AS history,
           (SELECT count(*)::int FROM activities) AS activities,
           (SELECT count(*)::int FROM idempotency_keys) AS idempotency_keys,
           (SELECT count(*)::int FROM check_in_codes) AS check_in_codes,
           (SELECT count(*)::int FROM outbox_events WHERE topic LIKE 'participation.%') AS events`);
  return rows[0];
}
