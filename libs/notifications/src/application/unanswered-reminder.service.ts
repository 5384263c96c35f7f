import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { OrganizationsService } from '@app/organizations';
import { ProjectsService } from '@app/projects';
import { NotificationsQueue } from '../jobs/notifications.jobs';
import { AudienceRepository } from '../persistence/audience.repository';
import { NotificationsRepository } from '../persistence/notifications.repository';
import { NotificationsConfig } from './notifications.config';
import { NotificationsService } from './notifications.service';

/** Every day at 09:00 Japan time. */
export const UNANSWERED_REMINDER_PATTERN = '0 9 * * *';
const DAY_MS = 86_400_000;

/** The Japan-time calendar date of an instant, e.g. "2026-11-28". */
function jstDate(d: Date): string {
  return new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The staff reminder for applications left unanswered: once a day, every active staff member of
 * the host and co-host municipalities of a project with applications in 'applied' for
 * `NOTIFICATIONS_UNANSWERED_DAYS` days or more gets one `applications.unanswered` notification
 * per project, with the count. Nothing pending → nothing sent (no empty reminders). "Still
 * applied" comes from notifications' own applicant read model (participation's events), and the
 * key `unanswered:<project>:<JST date>` makes a re-run on the same day send nothing twice.
 */
@Injectable()
export class UnansweredReminderService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UnansweredReminderService.name);

  constructor(
    private readonly audience: AudienceRepository,
    private readonly projects: ProjectsService,
    private readonly organizations: OrganizationsService,
    private readonly notifications: NotificationsService,
    private readonly repository: NotificationsRepository,
    private readonly config: NotificationsConfig,
    @InjectQueue(NotificationsQueue.queue) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (process.env.NOTIFICATIONS_DISPATCHER === 'off') return;
    try {
      await this.queue.upsertJobScheduler(
        'notifications-unanswered-reminder',
        { pattern: UNANSWERED_REMINDER_PATTERN, tz: 'Asia/Tokyo' },
        { name: 'notifications.unanswered-reminder', data: {}, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
      );
    } catch (e) {
      this.logger.warn(`unanswered reminder scheduler not registered: ${(e as Error).message}`);
    }
  }

  /**
   * Requests the day's reminders; returns how many notifications were created. Projects are read
   * in one query and the staff of every host and co-host in one more, whatever the number of
   * projects; each project's reminders are then stored in one transaction.
   */
  async run(now: Date = new Date()): Promise<number> {
    const days = this.config.unansweredDays;
    const pending = await this.audience.listUnansweredProjects(new Date(now.getTime() - days * DAY_MS));
    if (pending.length === 0) return 0;
    const projects = await this.projects.getProjectsForParticipation(pending.map((p) => p.projectId));
    const open = pending.flatMap(({ projectId, count }) => {
      const project = projects.get(projectId);
      return project && project.status !== 'cancelled' ? [{ project, count }] : [];
    });
    const hostsOf = (p: { hostMunicipalityCode: string; coHostMunicipalityCodes?: string[] | null }) => [p.hostMunicipalityCode, ...(p.coHostMunicipalityCodes ?? [])];
    const staffByCode = await this.organizations.listStaffUserIdsByMunicipality(open.flatMap(({ project }) => hostsOf(project)));
    const day = jstDate(now);
    let created = 0;
    for (const { project, count } of open) {
      const staff = [...new Set(hostsOf(project).flatMap((c) => staffByCode.get(c) ?? []))];
      if (staff.length === 0) continue;
      const result = await this.repository.transaction((m) =>
        this.notifications.requestMany(
          m,
          staff.map((userId) => ({
            recipientUserId: userId,
            eventType: 'applications.unanswered' as const,
            params: { projectId: project.id, projectTitle: project.title, count, days },
            dedupeKey: `unanswered:${project.id}:${day}`,
          })),
        ),
      );
      created += [...result.values()].filter((id) => id !== null).length;
    }
    return created;
  }
}
