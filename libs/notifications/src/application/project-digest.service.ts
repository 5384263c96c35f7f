import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { NewProjectMatchesService, type NewProjectMatch } from '@app/matching';
import { ParticipantsService } from '@app/participants';
import { NotificationsQueue, type ProjectDigestBatchJobData } from '../jobs/notifications.jobs';
import { NotificationsRepository } from '../persistence/notifications.repository';
import { NotificationsService, type NotificationRequest } from './notifications.service';

/** Recipients per batch job (ids only in the payload). */
export const PROJECT_DIGEST_CHUNK = 500;
/** Recipient ids read per page while planning (keyset). */
const RECIPIENT_PAGE = 5_000;
/** Projects listed per digest at most. */
const MAX_PROJECTS = 10;
const DAY_MS = 86_400_000;
const JST_MS = 9 * 3_600_000;

/**
 * The digest week of an instant: `week` is the Japan-time date of the Monday that starts the
 * week containing `now`; the digest lists projects published in the 7 days before it
 * ([since, until)). Same week → same key and window, whenever (and however often) it runs.
 */
export function digestWeek(now: Date): { week: string; since: Date; until: Date } {
  const jst = new Date(now.getTime() + JST_MS);
  const sinceMonday = (jst.getUTCDay() + 6) % 7;
  const mondayJstMidnight = Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate() - sinceMonday);
  const until = new Date(mondayJstMidnight - JST_MS);
  return { week: new Date(mondayJstMidnight).toISOString().slice(0, 10), since: new Date(until.getTime() - 7 * DAY_MS), until };
}

function lines(matches: NewProjectMatch[], language: 'ja' | 'en'): string {
  return matches
    .map((p) => {
      const why = p.reasons.slice(0, 2).map((r) => r[language]);
      return language === 'ja' ? `・${p.title}${why.length ? `（${why.join('、')}）` : ''}` : `- ${p.title}${why.length ? ` (${why.join(', ')})` : ''}`;
    })
    .join('\n');
}

/**
 * The weekly digest of new projects (PRODUCT.md §3.8): every participant who consents to it
 * (participants' `receive_digest`) gets one `digest.new_projects` notification listing the open
 * projects published last week that fit their profile (matching's `NewProjectMatchesService`);
 * people with no match get nothing. Planning only pages recipient ids and enqueues chunked jobs
 * with `addBulk` (ids only, deterministic job ids); each batch reads profiles, projects and
 * preferences once and stores its notifications in a few statements. The key
 * `project-digest:<week>` makes a re-run of the same week send nothing twice.
 */
@Injectable()
export class ProjectDigestService {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly matches: NewProjectMatchesService,
    private readonly notifications: NotificationsService,
    private readonly repository: NotificationsRepository,
    @InjectQueue(NotificationsQueue.queue) private readonly queue: Queue,
  ) {}

  /** Enqueues the week's batch jobs; returns how many jobs were added (existing ids are kept once by BullMQ). */
  async planWeek(now: Date = new Date()): Promise<number> {
    const w = digestWeek(now);
    let after: string | null = null;
    let jobs = 0;
    for (;;) {
      const ids = await this.participants.listDigestRecipientIds(after, RECIPIENT_PAGE);
      if (ids.length === 0) return jobs;
      const batch = [];
      for (let i = 0; i < ids.length; i += PROJECT_DIGEST_CHUNK) {
        const userIds = ids.slice(i, i + PROJECT_DIGEST_CHUNK);
        batch.push({
          name: 'notifications.project-digest-batch' as const,
          data: { week: w.week, since: w.since.toISOString(), until: w.until.toISOString(), userIds } satisfies ProjectDigestBatchJobData,
          opts: {
            jobId: `project-digest-${w.week}-${userIds[0]}`,
            attempts: 5,
            backoff: { type: 'exponential', delay: 5_000 },
            removeOnComplete: { age: 3600, count: 1_000 },
            removeOnFail: false,
          },
        });
      }
      await this.queue.addBulk(batch);
      jobs += batch.length;
      if (ids.length < RECIPIENT_PAGE) return jobs;
      after = ids[ids.length - 1];
    }
  }

  /** One batch: re-checks consent, matches, and requests the digests; returns how many were created. */
  async runBatch(data: ProjectDigestBatchJobData, now: Date = new Date()): Promise<number> {
    const consenting = await this.participants.filterDigestRecipients(data.userIds);
    if (consenting.length === 0) return 0;
    const found = await this.matches.matchNewProjects(consenting, { since: new Date(data.since), until: new Date(data.until) }, MAX_PROJECTS, now);
    if (found.size === 0) return 0;
    const inputs: NotificationRequest[] = [...found].map(([userId, list]) => ({
      recipientUserId: userId,
      eventType: 'digest.new_projects',
      params: { week: data.week, count: list.length, items: lines(list, 'ja'), itemsEn: lines(list, 'en'), projectIds: list.map((p) => p.projectId).join(',') },
      dedupeKey: `project-digest:${data.week}`,
    }));
    const result = await this.repository.transaction((m) => this.notifications.requestMany(m, inputs));
    return [...result.values()].filter((id) => id !== null).length;
  }
}
