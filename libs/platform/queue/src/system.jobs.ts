import { defineQueue } from './job-registry';

/** The platform's own queue: `system.ping` proves the api → Redis → worker path end to end. */
export const SystemQueue = defineQueue('system', ['system.ping'] as const);
export type SystemJobName = (typeof SystemQueue.jobs)[number];
export interface SystemPingPayload {
  nonce: string;
}
