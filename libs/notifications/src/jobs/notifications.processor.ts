import { Processor } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import type { OutboxJob } from '@app/platform/outbox';
import { JobProcessor } from '@app/platform/queue';
import { DeliveryService } from '../application/delivery.service';
import { NotificationEventsHandler } from '../application/notification-events.handler';
import { DigestService } from '../application/digest.service';
import { ProjectDigestService } from '../application/project-digest.service';
import { UnansweredReminderService } from '../application/unanswered-reminder.service';
import { NotificationsQueue, notificationsWorkerOptions, type DeliverJobData, type NotificationsJobName, type ProjectDigestBatchJobData, type ProjectReminderJobData } from './notifications.jobs';

/** Delivers notifications and turns other contexts' events into notification requests. */
@Processor(NotificationsQueue.queue, notificationsWorkerOptions())
export class NotificationsProcessor extends JobProcessor<NotificationsJobName> {
  constructor(
    private readonly delivery: DeliveryService,
    private readonly events: NotificationEventsHandler,
    private readonly digest: DigestService,
    private readonly unanswered: UnansweredReminderService,
    private readonly projectDigest: ProjectDigestService,
  ) {
    super();
  }

  protected readonly handlers = {
    'notifications.deliver': async (job: Job<DeliverJobData>) => {
      try {
        return await this.delivery.deliver(job.data);
      } catch (e) {
        const final = await this.delivery.recordFailure(job.data, e, job.attemptsMade + 1, job.opts.attempts ?? 1);
        if (final) throw new UnrecoverableError(e instanceof Error ? e.message : String(e));
        throw e;
      }
    },
    'notifications.on-application-changed': (job: Job<OutboxJob>) => this.events.onApplicationChanged(job.data),
    'notifications.on-project-changed': (job: Job<OutboxJob>) => this.events.onProjectChanged(job.data),
    'notifications.on-project-cancelled': (job: Job<OutboxJob>) => this.events.onProjectCancelled(job.data),
    'notifications.on-registration-created': (job: Job<OutboxJob>) => this.events.onRegistration(job.data, 'registration.confirmed'),
    'notifications.on-premium-granted': (job: Job<OutboxJob>) => this.events.onRegistration(job.data, 'registration.premium_granted'),
    'notifications.project-reminder': (job: Job<ProjectReminderJobData>) => this.events.onProjectReminder(job.data),
    'notifications.weekly-digest': async (job: Job) => {
      // Folded notices first, then the new-projects digest of the week the run was scheduled for:
      // a scheduler's job is created a week ahead (timestamp) and waits `delay`; retries keep both.
      const folded = await this.digest.runWeeklyDigest();
      const batches = await this.projectDigest.planWeek(new Date(job.timestamp + (job.opts.delay ?? 0)));
      return { folded, batches };
    },
    'notifications.unanswered-reminder': () => this.unanswered.run(),
    'notifications.project-digest-batch': (job: Job<ProjectDigestBatchJobData>) => this.projectDigest.runBatch(job.data),
    'notifications.on-scout-invited': (job: Job<OutboxJob>) => this.events.onScoutInvited(job.data),
    'notifications.on-kpi-milestone-reached': (job: Job<OutboxJob>) => this.events.onKpiMilestoneReached(job.data),
  };
}
