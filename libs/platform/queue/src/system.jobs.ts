import { defineQueue } from './job-registry';

/**
 * The platform's own queue. `system.ping` proves the api → Redis → worker path; `system.probe`
 * is fed by the outbox topic `system.probe` and proves the database → outbox → worker path.
 */
export const SystemQueue = defineQueue('system', ['system.ping', 'system.probe'] as const);
export type SystemJobName = (typeof SystemQueue.jobs)[number];
export interface SystemPingPayload {
  nonce: string;
  /** Optional work time, used to test graceful shutdown with an active job. */
  workMs?: number;
}
export const SYSTEM_PROBE_TOPIC = 'system.probe';
