import { WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job, type JobsOptions } from 'bullmq';

export interface QueueDefinition<N extends string = string> {
  readonly queue: string;
  readonly jobs: readonly N[];
}

const declared = new Map<string, QueueDefinition>();

/**
 * Declares a context's queue and its job names (in `jobs/<context>.jobs.ts`). A job name, once
 * shipped, never changes. Every declared name must have a handler in the worker (tested).
 */
export function defineQueue<const N extends string>(queue: string, jobs: readonly N[]): QueueDefinition<N> {
  const def = { queue, jobs };
  declared.set(queue, def);
  return def;
}

export function declaredQueues(): QueueDefinition[] {
  return [...declared.values()];
}

/** Shared default options: retried with exponential backoff, failed jobs kept for inspection. */
export const defaultJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: false,
};

export type JobHandler = (job: Job) => Promise<unknown>;

/**
 * Base of every processor: handlers keyed by job name, so a missing handler fails to compile
 * and an unknown name fails the job without retries.
 */
export abstract class JobProcessor<N extends string> extends WorkerHost {
  protected abstract readonly handlers: { readonly [K in N]: JobHandler };

  async process(job: Job): Promise<unknown> {
    const handler = (this.handlers as Record<string, JobHandler | undefined>)[job.name];
    if (!handler) throw new UnrecoverableError(`No handler for job ${job.name}`);
    return handler(job);
  }

  handledJobNames(): string[] {
    return Object.keys(this.handlers);
  }
}
