import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { ConfigService } from '@nestjs/config';
import type { Env } from '@app/platform/config';
import { defaultJobOptions } from './job-registry';
import { redisOptionsFromUrl } from './redis-connection';

/** BullMQ connection shared by api (producers) and worker (consumers): one prefix, one Redis. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        connection: {
          ...redisOptionsFromUrl(config.get('REDIS_URL', { infer: true })),
          maxRetriesPerRequest: null,
        } as BullRedisOptions,
        prefix: config.get('QUEUE_PREFIX', { infer: true }),
        defaultJobOptions,
      }),
    }),
  ],
  exports: [BullModule],
})
export class PlatformQueueModule {}
