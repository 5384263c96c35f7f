/**
 * Life of one delivery (one notification on one channel), as GOV.UK Notify tracks it:
 * created → queued → sending → delivered | failed_retrying → … | permanent_failure.
 * `suppressed` (the person turned the channel off after the request) and `digested` (folded into
 * the next digest by preference or rate cap) are terminal without sending.
 */
export const DELIVERY_STATUSES = [
  'created',
  'queued',
  'sending',
  'delivered',
  'failed_retrying',
  'permanent_failure',
  'suppressed',
  'digested',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const TERMINAL: ReadonlySet<DeliveryStatus> = new Set(['delivered', 'permanent_failure', 'suppressed', 'digested']);

export function isTerminal(status: DeliveryStatus): boolean {
  return TERMINAL.has(status);
}

/** What a failed attempt leads to: a permanent failure stops at once; otherwise retry until the limit. */
export function statusAfterFailure(input: { permanent: boolean; attemptsMade: number; maxAttempts: number }): DeliveryStatus {
  if (input.permanent) return 'permanent_failure';
  return input.attemptsMade >= input.maxAttempts ? 'permanent_failure' : 'failed_retrying';
}

/** Deterministic BullMQ job id of a delivery: enqueueing it twice (relay + sweeper) keeps one job. */
export function deliveryJobId(notificationId: string, channel: string): string {
  return `notification-${notificationId}-${channel}`;
}
