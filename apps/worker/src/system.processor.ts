import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type Redis from 'ioredis';
import { subscribeToTopic, type OutboxJob } from '@app/platform/outbox';
import {
  JobProcessor,
  REDIS,
  SYSTEM_PROBE_TOPIC,
  SystemQueue,
  type SystemJobName,
  type SystemPingPayload,
} from '@app/platform/queue';

subscribeToTopic({ topic: SYSTEM_PROBE_TOPIC, queue: SystemQueue.queue, jobName: 'system.probe' });

/** Answers the platform's self-checks by writing short-lived marker keys in Redis. */
@Processor(SystemQueue.queue)
export class SystemProcessor extends JobProcessor<SystemJobName> {
  constructor(@Inject(REDIS) private readonly redis: Redis) {
    super();
  }

  protected readonly handlers = {
    'system.ping': async (job: Job<SystemPingPayload>) => {
      if (job.data.workMs) await new Promise((r) => setTimeout(r, Math.min(job.data.workMs!, 10_000)));
      await this.redis.set(`kakawari:pong:${job.data.nonce}`, job.id ?? '', 'EX', 60);
      return { pong: job.data.nonce };
    },
    'system.probe': async (job: Job<OutboxJob<{ nonce: string }>>) => {
      // INCR, not SET: a test can prove the event arrived exactly once.
      const key = `kakawari:probe:${job.data.payload.nonce}`;
      await this.redis.multi().incr(key).expire(key, 60).exec();
      return { eventId: job.data.eventId };
    },
  };
}
