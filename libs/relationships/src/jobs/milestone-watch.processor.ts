import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobProcessor } from '@app/platform/queue';
import { MilestoneWatchService } from '../application/milestone-watch.service';
import { MilestoneWatchQueue, type MilestoneWatchJobName } from './milestone-watch.jobs';

/** Runs the milestone watch; the check is idempotent (a reached milestone is recorded once). */
@Processor(MilestoneWatchQueue.queue)
export class MilestoneWatchProcessor extends JobProcessor<MilestoneWatchJobName> {
  constructor(private readonly watch: MilestoneWatchService) {
    super();
  }

  protected readonly handlers = {
    // A scheduler's job is created one interval ahead (timestamp) and waits `delay`: check as of its run time.
    'relationships.milestone-watch': (job: Job) => this.watch.check(new Date(job.timestamp + (job.opts.delay ?? 0))),
  };
}
