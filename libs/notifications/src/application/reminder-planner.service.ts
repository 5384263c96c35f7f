import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { NotificationsQueue, type ProjectReminderJobData } from '../jobs/notifications.jobs';

/** How long before a project starts its participants are reminded. */
export const REMINDER_LEAD_MS = 24 * 3600 * 1000;

export function reminderJobId(projectId: string, userId: string): string {
  return `project-reminder-${projectId}-${userId}`;
}

/**
 * Plans the delayed reminder job of one participant for one project. The job id is deterministic,
 * so planning again (the project moved) replaces the job; a job that was already running when it
 * was replaced finds the start time changed and does nothing.
 */
@Injectable()
export class ReminderPlanner {
  private readonly logger = new Logger(ReminderPlanner.name);

  constructor(@InjectQueue(NotificationsQueue.queue) private readonly queue: Queue) {}

  async plan(projectId: string, userId: string, startsAt: Date, now = new Date()): Promise<'planned' | 'past'> {
    await this.cancel(projectId, userId);
    if (startsAt.getTime() <= now.getTime()) return 'past';
    const data: ProjectReminderJobData = { projectId, userId, startsAt: startsAt.toISOString() };
    await this.queue.add('notifications.project-reminder', data, {
      jobId: reminderJobId(projectId, userId),
      delay: Math.max(0, startsAt.getTime() - REMINDER_LEAD_MS - now.getTime()),
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    return 'planned';
  }

  async cancel(projectId: string, userId: string): Promise<void> {
    try {
      await this.queue.remove(reminderJobId(projectId, userId));
    } catch (e) {
      // A locked (running) job cannot be removed; it checks the start time itself.
      this.logger.debug(`reminder ${projectId}/${userId} not removed: ${(e as Error).message}`);
    }
  }

  /** The planned job, for tests and operators. */
  async planned(projectId: string, userId: string): Promise<{ startsAt: string; delayUntil: number } | null> {
    const job = await this.queue.getJob(reminderJobId(projectId, userId));
    if (!job) return null;
    return { startsAt: (job.data as ProjectReminderJobData).startsAt, delayUntil: job.timestamp + (job.opts.delay ?? 0) };
  }
}
