import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { OutboxRepository } from './outbox.repository';
import { outboxJobId, topicSubscriptions, type OutboxJob } from './subscriptions';

const BATCH = 500;
const IDLE_DELAY_MS = Number(process.env.OUTBOX_POLL_MS ?? 200);

/**
 * Worker-side relay: claims committed outbox rows, enqueues one job per subscriber with
 * `addBulk` and a deterministic job id, then marks the rows published in the same transaction.
 * A crash between enqueue and commit re-enqueues the same job ids next time, which BullMQ
 * ignores, so every event reaches each subscriber once.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.OUTBOX_RELAY === 'off') return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Relays until nothing is pending; returns how many events were published. */
  async relayOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.repository.transaction(async (m) => {
        const events = await this.repository.claimBatch(m, BATCH);
        if (events.length === 0) return 0;
        const byQueue = new Map<string, { name: string; data: OutboxJob; opts: { jobId: string } }[]>();
        for (const event of events) {
          for (const sub of topicSubscriptions().filter((s) => s.topic === event.topic)) {
            const list = byQueue.get(sub.queue) ?? [];
            list.push({
              name: sub.jobName,
              data: { eventId: event.id, topic: event.topic, payload: event.payload, occurredAt: event.createdAt.toISOString() },
              opts: { jobId: outboxJobId(event.id, sub.queue) },
            });
            byQueue.set(sub.queue, list);
          }
        }
        for (const [queueName, jobs] of byQueue) {
          await this.queue(queueName).addBulk(jobs);
        }
        await this.repository.markPublished(m, events.map((e) => e.id));
        return events.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }

  private queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const n = await this.relayOnce();
        if (n > 0) continue;
      } catch (e) {
        this.logger.warn(`outbox relay failed, will retry: ${e instanceof Error ? e.message : String(e)}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, IDLE_DELAY_MS);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }
}
