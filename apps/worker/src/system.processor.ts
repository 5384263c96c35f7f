import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type Redis from 'ioredis';
import { JobProcessor, REDIS, SystemQueue, type SystemJobName, type SystemPingPayload } from '@app/platform/queue';

/** Answers `system.ping` by writing a short-lived pong key, so callers can prove the round trip. */
@Processor(SystemQueue.queue)
export class SystemProcessor extends JobProcessor<SystemJobName> {
  constructor(@Inject(REDIS) private readonly redis: Redis) {
    super();
  }

  protected readonly handlers = {
    'system.ping': async (job: Job<SystemPingPayload>) => {
      await this.redis.set(`kakawari:pong:${job.data.nonce}`, job.id ?? '', 'EX', 60);
      return { pong: job.data.nonce };
    },
  };
}
