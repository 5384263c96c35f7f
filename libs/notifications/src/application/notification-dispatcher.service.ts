import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { deliveryJobId } from '../domain/delivery-status';
import { NotificationsQueue, type DeliverJobData } from '../jobs/notifications.jobs';
import { NotificationsRepository, type DeliveryRef } from '../persistence/notifications.repository';
import { NotificationsConfig } from './notifications.config';
import { NotificationsMetrics } from './notifications.metrics';

const BATCH = 1_000;

/**
 * Worker side of the notification outbox. The relay claims committed deliveries due now, enqueues
 * them with `addBulk` and deterministic job ids, and marks them queued in the same transaction; a
 * crash in between leaves them `created` and the next pass enqueues the same ids (BullMQ keeps
 * one). The sweeper re-enqueues unfinished deliveries untouched for longer than the timeout (job
 * lost with Redis, enqueue that never happened); while a job still exists its id makes that a no-op.
 * Both loops run in-process, not as BullMQ repeatable jobs, so they survive a Redis that lost its data.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private running = false;
  private loops: Promise<void>[] = [];
  private wakers = new Set<() => void>();

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly config: NotificationsConfig,
    private readonly metrics: NotificationsMetrics,
    @InjectQueue(NotificationsQueue.queue) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.setDepthSource(() => this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized'));
    if (process.env.NOTIFICATIONS_DISPATCHER === 'off') return;
    this.running = true;
    this.loops = [
      this.loop('relay', () => this.relayOnce(), this.config.relayPollMs),
      this.loop('sweeper', () => this.sweepOnce(), this.config.sweepIntervalMs),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    for (const wake of this.wakers) wake();
    await Promise.all(this.loops);
  }

  jobOptions(ref: DeliveryRef): JobsOptions {
    return {
      jobId: deliveryJobId(ref.notificationId, ref.channel),
      attempts: this.config.maxAttempts,
      backoff: { type: 'exponential', delay: this.config.backoffMs },
      // Only unfinished rows are ever re-enqueued, so completed jobs need not be kept long.
      removeOnComplete: { age: 3600, count: 1_000 },
      removeOnFail: false,
    };
  }

  private toJobs(refs: DeliveryRef[]) {
    return refs.map((ref) => ({
      name: 'notifications.deliver' as const,
      data: { deliveryId: ref.deliveryId, notificationId: ref.notificationId, channel: ref.channel } satisfies DeliverJobData,
      opts: this.jobOptions(ref),
    }));
  }

  /** Enqueues every delivery due now; returns how many. */
  async relayOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.repository.transaction(async (m) => {
        const due = await this.repository.claimDue(m, BATCH);
        if (due.length === 0) return 0;
        await this.queue.addBulk(this.toJobs(due));
        await this.repository.markQueued(m, due.map((d) => d.deliveryId));
        return due.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** Re-enqueues unfinished deliveries older than the sweep timeout; returns how many. */
  async sweepOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const stale = await this.repository.takeStale(new Date(Date.now() - this.config.sweepAfterMs), BATCH);
      if (stale.length > 0) {
        await this.queue.addBulk(this.toJobs(stale));
        this.logger.warn(`re-queued ${stale.length} stale notification deliveries`);
      }
      total += stale.length;
      if (stale.length < BATCH) return total;
    }
  }

  private async loop(name: string, pass: () => Promise<number>, idleMs: number): Promise<void> {
    while (this.running) {
      try {
        const n = await pass();
        if (n > 0 && name === 'relay') continue;
      } catch (e) {
        this.logger.warn(`notification ${name} failed, will retry: ${e instanceof Error ? e.message : String(e)}`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(t);
          this.wakers.delete(wake);
          resolve();
        };
        const t = setTimeout(wake, idleMs);
        this.wakers.add(wake);
      });
    }
  }
}
