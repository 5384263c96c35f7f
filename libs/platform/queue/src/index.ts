export { PlatformQueueModule } from './queue.module';
export { PlatformRedisModule, REDIS } from './redis.module';
export { redisOptionsFromUrl } from './redis-connection';
export {
  defineQueue,
  declaredQueues,
  defaultJobOptions,
  JobProcessor,
} from './job-registry';
export type { QueueDefinition, JobHandler } from './job-registry';
export { SystemQueue } from './system.jobs';
export type { SystemJobName, SystemPingPayload } from './system.jobs';
export { SYSTEM_PROBE_TOPIC } from './system.jobs';
